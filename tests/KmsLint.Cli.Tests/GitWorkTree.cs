namespace KmsLint.Cli.Tests;

/// <summary>
/// A throwaway git repository for one test: <c>git init</c> in a temporary directory, a committer set through the
/// environment, and no global or system git configuration, so the user's settings cannot change what a test sees.
/// </summary>
public sealed class GitWorkTree : IDisposable
{
    private readonly TempTree tree = new();

    public GitWorkTree()
    {
        Environment = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com",
            ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = tree.Write(".test-gitconfig", "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"),
        };
        Git("init", "-q", ".");
    }

    public string Root => tree.Root;

    /// <summary>What the tests' git commands run with; a test that drives pre-commit adds to it.</summary>
    public Dictionary<string, string?> Environment { get; }

    public string PathOf(string relativePath) => tree.PathOf(relativePath);

    public string Write(string relativePath, string content) => tree.Write(relativePath, content);

    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Runs git in the repository; a failing command fails the test with git's output.</summary>
    public string Git(params string[] arguments)
    {
        var result = ExternalTools.Run(Root, Environment, "git", arguments);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Output}");
        return result.Output;
    }

    /// <summary>Stages everything and commits it; <paramref name="message"/> may carry trailers after a blank line.</summary>
    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
    }

    /// <summary>Runs kmslint in the repository (in-process; git runs as its child).</summary>
    public CliResult Run(params string[] arguments) => tree.Run(arguments);

    public CliResult RunIn(string relativeDirectory, params string[] arguments) => tree.RunIn(PathOf(relativeDirectory), arguments);

    public void Dispose() => tree.Dispose();
}

/// <summary>Key templates for the change-control tests, and a configuration that leaves only the change-control rules on.</summary>
public static class KeyTemplates
{
    /// <summary>Every rule off but the change-control ones, at their default levels.</summary>
    public static string ChangeControlOnly(string extra = "") =>
        TempTree.ConfigText(("KMS410", "error"), ("KMS411", "error"), ("KMS412", "warning"), ("KMS413", "warning"), ("KMS414", "error")) + extra;

    /// <summary>A template of keys; each entry's attributes (e.g. <c>DeletionPolicy: Retain</c>) and properties one per line.</summary>
    public static string Template(params (string LogicalId, string Attributes, string Properties)[] keys) =>
        Template("", keys);

    /// <summary>The same, with top-level sections (Metadata, Parameters) before Resources.</summary>
    public static string Template(string header, params (string LogicalId, string Attributes, string Properties)[] keys)
    {
        var text = "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: Keys of the payments service.\n" + header + "Resources:\n";
        foreach (var (id, attributes, properties) in keys)
        {
            text += $"  {id}:\n    Type: AWS::KMS::Key\n";
            text += string.Concat(attributes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "    " + line + "\n"));
            text += "    Properties:\n      EnableKeyRotation: true\n";
            text += string.Concat(properties.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "      " + line + "\n"));
        }
        return text;
    }

    public const string Retained = "DeletionPolicy: Retain\nUpdateReplacePolicy: Retain";

    public const string TemplateChangeRequest = "Metadata:\n  kmslint:\n    change-request: CHG-1234\n";
}
