namespace KmsLint.Cli.Tests;

/// <summary>
/// What cfn-lint, checkov, ruff and eslint users type by habit: short options, other tools' option names, values in any
/// case, typos answered with the word meant, rules switched from the command line, quiet and verbose runs.
/// </summary>
public sealed class CommandLineHabitsTests : IDisposable
{
    private readonly TempTree tree = new();

    public CommandLineHabitsTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"), ("KMS400", "warning"));
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);
    }

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("-f", "json")]
    [InlineData("-fjson")]
    [InlineData("--format", "JSON")]
    [InlineData("--format=Json")]
    [InlineData("-f=json")]
    public void Format_has_a_short_form_and_takes_any_case(params string[] format)
    {
        var result = tree.Run(new[] { "lint" }.Concat(format).ToArray());

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("{", result.Stdout);
        Assert.Contains("\"ruleId\": \"KMS403\"", result.Stdout);
    }

    [Fact]
    public void Output_has_a_short_form()
    {
        var result = tree.Run("lint", "-f", "sarif", "-o", "out/kmslint.sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(tree.PathOf("out/kmslint.sarif")));
    }

    [Theory]
    [InlineData(new[] { "lint", "--formt", "json" }, "unknown option '--formt'; did you mean '--format'?")]
    [InlineData(new[] { "lint", "--ignore-check", "KMS403" }, "unknown option '--ignore-check'; did you mean '--ignore-checks'?")]
    [InlineData(new[] { "lint", "--format", "sarf" }, "option '--format' must be one of text, pretty, json, sarif, github, junit, not 'sarf'; did you mean 'sarif'?")]
    [InlineData(new[] { "lint", "--color", "sometimes" }, "option '--color' must be one of auto, always, never, not 'sometimes'")]
    [InlineData(new[] { "lnt" }, "unknown command 'lnt'; did you mean 'lint'?")]
    [InlineData(new[] { "stacks/keys.yaml" }, "unknown command 'stacks/keys.yaml'; to lint it: kmslint lint stacks/keys.yaml")]
    [InlineData(new[] { "--format", "json", "lint" }, "options go after the command: kmslint lint --format ...")]
    [InlineData(new[] { "lint", "--ignore-checks", "KMS430" }, "--ignore-checks: unknown rule id 'KMS430'; did you mean 'KMS403'?")]
    [InlineData(new[] { "lint", "--skip-check", "KMS001" }, "--ignore-checks: KMS001 is a rule of the C# analyzer; set its severity in .editorconfig")]
    [InlineData(new[] { "lint", "--ignore-checks", "KMS999" }, "KMS999 (internal errors) always fails the run and cannot be switched")]
    [InlineData(new[] { "lint", "--ignore-checks", "KMS403", "--include-checks", "kms403" }, "KMS403 is given to both --ignore-checks and --include-checks")]
    [InlineData(new[] { "lint", "-q", "-v" }, "--quiet and --verbose contradict each other")]
    [InlineData(new[] { "lint", "--no-color", "--color", "always" }, "--no-color and --color always contradict each other")]
    [InlineData(new[] { "lint", "--quiet=yes" }, "option '--quiet' takes no value")]
    [InlineData(new[] { "explain", "KMS403", "KMS2O3" }, "unknown rule id 'KMS2O3'; did you mean 'KMS203'?")]
    public void Mistakes_get_the_word_meant_in_one_line_and_exit_two(string[] args, string expected)
    {
        var result = tree.Run(args);

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--ignore-checks", "KMS403")]
    [InlineData("--skip-check", "KMS403")]
    [InlineData("--ignore-checks", "kms400,KMS403")]
    public void Ignore_checks_turns_rules_off_for_the_run(string option, string ids)
    {
        var result = tree.Run("lint", option, ids);

        Assert.DoesNotContain("KMS403", result.Stdout);
        Assert.Contains("(0 suppressed) in 1 template", result.Stdout);
        if (ids.Contains("400", StringComparison.Ordinal))
            Assert.Equal(ExitCode.Success, result.ExitCode);
    }

    [Fact]
    public void Ignore_checks_may_be_repeated()
    {
        var result = tree.Run("lint", "--skip-check", "KMS400", "--skip-check", "KMS403");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, result.StdoutLines);
    }

    [Fact]
    public void Include_checks_runs_a_rule_the_config_turns_off_at_its_default_level()
    {
        tree.ConfigEnabling(("KMS400", "warning")); // KMS403 off

        var without = tree.Run("lint");
        var with = tree.Run("lint", "--include-checks", "KMS403");

        Assert.DoesNotContain("KMS403", without.Stdout);
        Assert.Contains(with.StdoutLines, line => line.Contains(": warning KMS403:", StringComparison.Ordinal));
    }

    [Fact]
    public void Exclude_skips_globs_relative_to_the_current_directory_and_may_be_repeated()
    {
        tree.Write("legacy/old.yaml", Templates.DisabledKey);
        tree.Write("generated/out.yaml", Templates.DisabledKey);

        var all = tree.Run("lint");
        var excluded = tree.Run("lint", "--exclude", "legacy/**", "--exclude", "generated/*.yaml");
        var fromSubfolder = tree.RunIn(tree.PathOf("legacy"), "lint", "..", "--exclude", "old.yaml");

        Assert.Contains("legacy/old.yaml:", all.Stdout);
        Assert.DoesNotContain("legacy/old.yaml", excluded.Stdout);
        Assert.DoesNotContain("generated/out.yaml", excluded.Stdout);
        Assert.Contains("stacks/keys.yaml:", excluded.Stdout);
        Assert.DoesNotContain("old.yaml", fromSubfolder.Stdout);
        // Files outside the working directory are shown with their full path.
        Assert.Contains(tree.PathOf("generated/out.yaml").Replace('\\', '/') + ":", fromSubfolder.Stdout);
    }

    [Fact]
    public void Quiet_prints_the_findings_only()
    {
        var findings = tree.Run("lint", "-q");
        tree.ConfigEnabling();
        var clean = tree.Run("lint", "--quiet");

        Assert.Equal(ExitCode.Findings, findings.ExitCode);
        Assert.All(findings.StdoutLines, line => Assert.StartsWith("stacks/keys.yaml:", line));
        Assert.Equal((ExitCode.Success, "", ""), (clean.ExitCode, clean.Stdout, clean.Stderr));
    }

    [Fact]
    public void Verbose_says_which_config_which_set_and_why_each_file_is_linted_or_skipped_on_stderr()
    {
        tree.Write("README.md", "# infra\n");
        tree.Write("notes.yaml", "owner: platform\n");
        tree.Write("empty.yaml", "");
        tree.Write("node_modules/pkg/template.yaml", Templates.DisabledKey);
        tree.Write("legacy/old.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "-v", "--exclude", "legacy/**");

        var log = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("kmslint: set .: 2 files, config .kmslint.yaml", log);
        Assert.Contains("kmslint: linted stacks/keys.yaml: a template", log);
        Assert.Contains("kmslint: skipped notes.yaml: not a CloudFormation template", log);
        Assert.Contains("kmslint: skip README.md: not *.yaml, *.yml, *.json or *.template", log);
        Assert.Contains("kmslint: skip .kmslint.yaml: the configuration, never a template", log);
        Assert.Contains("kmslint: skip empty.yaml: empty (or a named pipe)", log);
        Assert.Contains("kmslint: skip node_modules/: version control, dependency and build folders are not linted", log);
        Assert.Contains("kmslint: skip legacy/: excluded by 'legacy/**' (--exclude)", log);
        // The report itself is unchanged.
        Assert.Equal(tree.Run("lint", "--exclude", "legacy/**").Stdout, result.Stdout);
    }

    [Fact]
    public void Verbose_names_the_config_glob_that_excluded_a_path()
    {
        File.AppendAllText(tree.PathOf(".kmslint.yaml"), "exclude:\n  - legacy/**\n");
        tree.Write("legacy/old.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "--verbose");

        Assert.Contains("kmslint: skip legacy/: excluded by 'legacy/**' (.kmslint.yaml)\n", result.Stderr);
    }

    [Fact]
    public void Explain_prints_several_pages_in_the_order_given()
    {
        var result = tree.Run("explain", "KMS403", "kms301", "KMS403");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        var headings = result.StdoutLines.Where(line => line.StartsWith("# KMS", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, headings.Count);
        Assert.StartsWith("# KMS403", headings[0]);
        Assert.StartsWith("# KMS301", headings[1]);
    }

    [Fact]
    public void Help_lists_every_option_with_its_other_spellings()
    {
        var help = tree.Run("lint", "--help").Stdout;

        foreach (var spelling in new[] { "-f, --format FORMAT", "-o, --output FILE|-", "--ignore-checks, --skip-check ID[,ID]", "-q, --quiet", "-v, --verbose", "--color, --colour WHEN", "--stdin-name PATH", "--create-baseline FILE", "-h, --help" })
            Assert.Contains("  " + spelling, help);
    }
}
