namespace KmsLint.Analyzers.Tests.Verification;

/// <summary>The checkout the tests run from: the folder holding KmsLint.sln above the test binaries.</summary>
public static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KmsLint.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No KmsLint.sln above {AppContext.BaseDirectory}");
    }
}
