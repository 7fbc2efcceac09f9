using System.Globalization;
using System.Text;

namespace KmsLint.Cli.ChangeControl;

/// <summary>A regular file git holds (in a commit's tree or in the index): its path from the top of the work tree and its object.</summary>
internal sealed record GitFile(string Path, string ObjectId);

/// <summary>One entry of <c>git diff --name-status</c>: A, C, D, M, R, T or U, the path, and for a rename or copy the path it came from.</summary>
internal sealed record GitChange(char Status, string Path, string? From, int Score);

/// <summary>A Change-Request trailer of a commit.</summary>
internal sealed record GitTrailer(string Commit, string Value);

/// <summary>
/// The git work tree a lint run is in, read through the <see cref="Git"/> command. Paths from git (relative to the top
/// of the work tree) are mapped to the user's paths through the directory the run started from, so a work tree
/// reached through a symbolic link keeps the paths the user sees.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    /// <summary>Regular files and executables; symbolic links (120000) and submodules (160000) hold no template.</summary>
    private static readonly string[] FileModes = { "100644", "100755" };

    private readonly string directory;
    private readonly string prefix;
    private readonly GitObjectReader objects;

    private GitRepository(string directory, string prefix)
    {
        this.directory = directory;
        this.prefix = prefix;
        objects = new GitObjectReader(directory);
    }

    /// <summary>The work tree holding <paramref name="directory"/>; a usage error outside one.</summary>
    public static GitRepository Open(string directory)
    {
        var probe = Git.Run(directory, "rev-parse", "--is-inside-work-tree", "--show-prefix");
        var lines = probe.Text.Split('\n');
        if (!probe.Succeeded || lines[0] != "true")
            throw new UsageException($"--base compares with a git commit, but '{directory}' is not in a git work tree ({probe.FirstErrorLine})");
        return new GitRepository(directory, lines.Length > 1 ? lines[1] : string.Empty);
    }

    /// <summary>The commit <paramref name="reference"/> names, or null when it names none.</summary>
    public string? Commit(string reference)
    {
        // An option-like reference would be read as an option by git.
        if (reference.Length == 0 || reference.StartsWith('-'))
            return null;
        var result = Git.Run(directory, "rev-parse", "--verify", "--quiet", reference + "^{commit}");
        return result.Succeeded ? result.Text.Trim() : null;
    }

    /// <summary>True when HEAD names a branch with no commit yet (the first commit of a repository).</summary>
    public bool HeadIsUnborn() =>
        Commit("HEAD") is null && Git.Run(directory, "symbolic-ref", "--quiet", "HEAD").Succeeded;

    /// <summary>True in a shallow clone, where older commits are missing.</summary>
    public bool IsShallow() => Git.Run(directory, "rev-parse", "--is-shallow-repository").Text.Trim() == "true";

    /// <summary>The best common ancestor of two commits, or null when they have none (or history is cut off).</summary>
    public string? MergeBase(string a, string b)
    {
        var result = Git.Run(directory, "merge-base", a, b);
        return result.Succeeded ? result.Text.Trim() : null;
    }

    /// <summary>Every regular file of a commit's tree.</summary>
    public IReadOnlyList<GitFile> Tree(string commit)
    {
        var files = new List<GitFile>();
        foreach (var record in Records(Checked(Git.Run(directory, "ls-tree", "-r", "-z", "--full-tree", commit), "ls-tree")))
        {
            // <mode> SP <type> SP <object> TAB <path>
            var tab = record.IndexOf('\t');
            var fields = record[..tab].Split(' ');
            if (fields.Length == 3 && FileModes.Contains(fields[0]) && fields[1] == "blob")
                files.Add(new GitFile(record[(tab + 1)..], fields[2]));
        }
        return files;
    }

    /// <summary>Every regular file of the index (merged entries only: a conflicted path cannot be committed).</summary>
    public IReadOnlyList<GitFile> Index()
    {
        var files = new List<GitFile>();
        foreach (var record in Records(Checked(Git.Run(directory, "ls-files", "-s", "-z", "--full-name", "--", ":(top)"), "ls-files")))
        {
            // <mode> SP <object> SP <stage> TAB <path>
            var tab = record.IndexOf('\t');
            var fields = record[..tab].Split(' ');
            if (fields.Length == 3 && FileModes.Contains(fields[0]) && fields[2] == "0")
                files.Add(new GitFile(record[(tab + 1)..], fields[1]));
        }
        return files;
    }

    /// <summary>
    /// The sizes of objects, from their headers only (one <c>cat-file --batch-check</c>): a blob over the size limit is
    /// then never read. Asked only for the files a run reads, since each loose object costs a file read.
    /// </summary>
    public IReadOnlyDictionary<string, long> Sizes(IEnumerable<string> objectIds)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var distinct = objectIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
            return sizes;
        var input = Encoding.ASCII.GetBytes(string.Concat(distinct.Select(id => id + "\n")));
        var result = Checked(Git.Run(directory, input, new[] { "cat-file", "--batch-check=%(objectname) %(objectsize)" }), "cat-file");
        foreach (var line in result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                sizes[fields[0]] = size;
        }
        return sizes;
    }

    /// <summary>
    /// What differs between a commit and the work tree (or the index), with git's rename detection, limited to
    /// <paramref name="pathspecs"/> (from the top of the work tree). Returns git's warning when it skipped rename
    /// detection because too many files changed, else null.
    /// </summary>
    public (IReadOnlyList<GitChange> Changes, string? Warning) Diff(string commit, bool staged, IEnumerable<string> pathspecs)
    {
        var arguments = new List<string> { "-c", "diff.relative=false", "diff", "--no-ext-diff", "--name-status", "-z", "-M" };
        if (staged)
            arguments.Add("--cached");
        arguments.Add(commit);
        arguments.Add("--");
        arguments.AddRange(pathspecs);
        var result = Checked(Git.Run(directory, null, arguments), "diff");
        var tokens = Records(result).ToList();
        var changes = new List<GitChange>();
        for (var i = 0; i + 1 < tokens.Count;)
        {
            var status = tokens[i];
            var score = status.Length > 1 && int.TryParse(status[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            if (status[0] is 'R' or 'C' && i + 2 < tokens.Count)
            {
                changes.Add(new GitChange(status[0], tokens[i + 2], tokens[i + 1], score));
                i += 3;
            }
            else
            {
                changes.Add(new GitChange(status[0], tokens[i + 1], null, score));
                i += 2;
            }
        }
        var warning = result.Error.Split('\n').FirstOrDefault(line => line.Contains("rename detection was skipped", StringComparison.Ordinal));
        return (changes, warning?.Trim());
    }

    /// <summary>The values of the Change-Request trailers of the commits in <paramref name="range"/> (<c>BASE..HEAD</c>), empty ones included.</summary>
    public IReadOnlyList<GitTrailer> ChangeRequestTrailers(string range)
    {
        // Whole "key: value" lines rather than valueonly, so that an empty value still shows as a trailer.
        var result = Checked(Git.Run(directory, "log", "-z", "--format=%H%x1f%(trailers:key=Change-Request,unfold,separator=%x1f)", range), "log");
        var trailers = new List<GitTrailer>();
        foreach (var record in Records(result))
        {
            var parts = record.Split('\x1f');
            foreach (var trailer in parts.Skip(1).Where(part => part.Contains(':')))
                trailers.Add(new GitTrailer(parts[0].Trim(), trailer[(trailer.IndexOf(':') + 1)..].Trim()));
        }
        return trailers;
    }

    /// <summary>The object ids git would give these files (nothing is written to the object store).</summary>
    public IReadOnlyList<string> HashFiles(IReadOnlyList<string> fullPaths)
    {
        if (fullPaths.Count == 0)
            return Array.Empty<string>();
        var input = Encoding.UTF8.GetBytes(string.Concat(fullPaths.Select(path => path + "\n")));
        var result = Checked(Git.Run(directory, input, new[] { "hash-object", "--stdin-paths" }), "hash-object");
        return result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A blob's bytes (see <see cref="GitObjectReader.Read"/>).</summary>
    public byte[] Read(string objectId) => objects.Read(objectId);

    /// <summary>The user's full path of a path from the top of the work tree.</summary>
    public string FullPathOf(string gitPath)
    {
        var relative = gitPath.StartsWith(prefix, StringComparison.Ordinal)
            ? gitPath[prefix.Length..]
            : string.Concat(Enumerable.Repeat("../", prefix.Count(c => c == '/'))) + gitPath;
        return Path.GetFullPath(Path.Combine(directory, relative));
    }

    /// <summary>The path from the top of the work tree of one of the user's full paths.</summary>
    public string GitPathOf(string fullPath) =>
        Normalize(prefix + Path.GetRelativePath(directory, fullPath).Replace('\\', '/'));

    public void Dispose() => objects.Dispose();

    /// <summary>Resolves <c>..</c> segments of a path from the top (a file named outside the start directory).</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static GitResult Checked(GitResult result, string command) =>
        result.Succeeded ? result : throw new UsageException($"git {command} failed: {result.FirstErrorLine}");

    /// <summary>The NUL-terminated records of a <c>-z</c> output.</summary>
    private static IEnumerable<string> Records(GitResult result) =>
        result.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
