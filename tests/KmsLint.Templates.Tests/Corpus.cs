namespace KmsLint.Templates.Tests;

/// <summary>The shared corpus of real templates, found beside the repository (<c>&lt;repo&gt;/../shared/corpus</c>).</summary>
internal static class Corpus
{
    internal static readonly string? Directory = Find();

    internal static readonly string[] TemplateExtensions = { ".yaml", ".yml", ".json", ".template" };

    internal static string[] Files() =>
        System.IO.Directory.GetFiles(Directory!, "*", SearchOption.AllDirectories)
            .Where(f => TemplateExtensions.Contains(Path.GetExtension(f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    internal static string Relative(string file) => Path.GetRelativePath(Directory!, file).Replace('\\', '/');

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KmsLint.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return System.IO.Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, saying why, when the shared corpus is not beside the repository.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Directory is null)
        {
            Skip = "the shared template corpus (<repo>/../shared/corpus) is not present on this machine";
        }
    }
}
