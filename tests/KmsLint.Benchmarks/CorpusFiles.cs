namespace KmsLint.Benchmarks;

/// <summary>The template files of the shared corpus (<c>&lt;repo&gt;/../shared/corpus</c>), read into memory once.</summary>
internal sealed record CorpusFile(string Path, byte[] Bytes);

internal static class CorpusFiles
{
    private static readonly string[] TemplateExtensions = { ".yaml", ".yml", ".json", ".template" };

    public static IReadOnlyList<CorpusFile> Load(string? directory)
    {
        var root = directory ?? FindBesideRepository()
            ?? throw new DirectoryNotFoundException("no corpus: pass --corpus DIR or put it at <repo>/../shared/corpus");
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(file => TemplateExtensions.Contains(Path.GetExtension(file)))
            .OrderBy(file => file, StringComparer.Ordinal)
            .Select(file => new CorpusFile(Path.GetRelativePath(root, file), File.ReadAllBytes(file)))
            .ToList();
    }

    /// <summary>The corpus, or null when there is none (benchmarks that can run without it).</summary>
    public static IReadOnlyList<CorpusFile>? TryLoad(string? directory) =>
        directory is not null || FindBesideRepository() is not null ? Load(directory) : null;

    private static string? FindBesideRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KmsLint.sln")))
                {
                    var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                    return Directory.Exists(corpus) ? corpus : null;
                }
            }
        }

        return null;
    }
}
