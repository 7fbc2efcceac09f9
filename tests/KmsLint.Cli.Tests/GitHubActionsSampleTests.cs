using System.Text.Json;
using YamlDotNet.RepresentationModel;
using static KmsLint.Cli.Tests.KeyTemplates;

namespace KmsLint.Cli.Tests;

/// <summary>
/// samples/ci/github-actions.yml: its lint step, run as GitHub runs it on a pull request — a full clone checked out
/// at the pull request's merge into the base branch, <c>github.base_ref</c> in BASE_REF — and on a push.
/// </summary>
public sealed class GitHubActionsSampleTests : IDisposable
{
    private readonly GitWorkTree origin = new();
    private readonly TempTree runner = new();

    public void Dispose()
    {
        origin.Dispose();
        runner.Dispose();
    }

    [FactWhenInstalled("git", "bash")]
    public void On_a_pull_request_a_key_deletion_fails_the_step_until_a_commit_names_its_change_request()
    {
        origin.Write(".kmslint.yaml", ChangeControlOnly());
        origin.Write("stacks/keys.yaml", Template(("DataKey", "", ""), ("LedgerKey", Retained, "")));
        origin.CommitAll("keys");
        var mainBranch = origin.Git("symbolic-ref", "--short", "HEAD").Trim();
        origin.Git("checkout", "-q", "-b", "retire-data-key");
        origin.Write("stacks/keys.yaml", Template(("LedgerKey", Retained, "")));
        origin.CommitAll("Retire the data key");

        var refused = RunLintStepOnPullRequest(mainBranch, "retire-data-key");
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Equal(new[] { "KMS410 error DataKey" }, SarifResults());

        origin.CommitAll("Approval for the data key's retirement\n\nChange-Request: CHG-4242");
        var accepted = RunLintStepOnPullRequest(mainBranch, "retire-data-key");
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Equal(new[] { "KMS410 note DataKey" }, SarifResults());

        // A push to the base branch (no base_ref): a plain lint of the templates, no comparison.
        var push = RunLintStep(baseRef: "");
        Assert.True(push.ExitCode == 0, push.Output);
        Assert.Empty(SarifResults());
    }

    /// <summary>Clones the origin fully (fetch-depth: 0) and checks out the pull request merged into the base, as actions/checkout does.</summary>
    private ProcessResult RunLintStepOnPullRequest(string baseBranch, string pullRequestBranch)
    {
        var checkout = runner.PathOf("checkout");
        if (Directory.Exists(checkout))
            Directory.Delete(checkout, recursive: true);
        Run(runner.Root, "git", "clone", "-q", origin.Root, "checkout");
        Run(checkout, "git", "checkout", "-q", "--detach", "origin/" + baseBranch);
        Run(checkout, "git", "merge", "-q", "--no-ff", "-m", "Merge pull request", "origin/" + pullRequestBranch);
        return RunLintStep(baseBranch);
    }

    /// <summary>The workflow's lint step script, run by bash in the checkout with kmslint on PATH.</summary>
    private ProcessResult RunLintStep(string baseRef)
    {
        var environment = new Dictionary<string, string?>(origin.Environment)
        {
            ["BASE_REF"] = baseRef,
            ["PATH"] = AppContext.BaseDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        return ExternalTools.Run(runner.PathOf("checkout"), environment, "bash", "-euo", "pipefail", "-c", LintStepScript());
    }

    private static string LintStepScript()
    {
        var workflow = new YamlStream();
        workflow.Load(new StringReader(File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "samples", "ci", "github-actions.yml"))));
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)workflow.Documents[0].RootNode)["jobs"])["templates"])["steps"];
        var lint = steps.Children.OfType<YamlMappingNode>().Single(step => step.Children.TryGetValue("name", out var name) && name.ToString() == "Lint CloudFormation templates");
        return lint["run"].ToString();
    }

    private string[] SarifResults()
    {
        using var sarif = JsonDocument.Parse(File.ReadAllText(runner.PathOf("checkout/kmslint.sarif")));
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => $"{result.GetProperty("ruleId").GetString()} {result.GetProperty("level").GetString()} {result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString()}")
            .ToArray();
    }

    private void Run(string directory, string program, params string[] arguments)
    {
        var result = ExternalTools.Run(directory, origin.Environment, program, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.Output}");
    }
}
