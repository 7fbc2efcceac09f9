using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Pipeline;
using KmsLint.Templates.Rules;

namespace KmsLint.Templates.Tests;

/// <summary>
/// Fixtures/&lt;RULE&gt;/good/* must not get that rule's finding (unless suppressed); Fixtures/&lt;RULE&gt;/bad/&lt;case&gt; (a template file, or a
/// folder linted as one set) must get exactly the findings listed in &lt;case&gt;.expected beside it:
/// one per line, <c>KMS403 12:5 MyKey</c> (a suppressed one ends in <c>suppressed</c>), or <c>KMS203 other.yaml:3:3 Filter</c> for a folder case.
/// The rule of the folder, and every rule named in the .expected file, is compared exactly;
/// no fixture may get KMS900/901/902/999 unless it lists them. Adding a rule's tests = adding files.
/// A change-control case (KMS410–KMS414) is a folder holding <c>before/</c> (the base) and <c>after/</c> (the linted version):
/// the after files are linted with the before files as the baseline, paths are relative to either folder, and each line
/// ends in the level, which tells an authorized change (a note) from a refused one: <c>KMS410 keys.yaml:1:1 DataKey note</c>.
/// </summary>
public class FixtureTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly string[] TemplateExtensions = { ".yaml", ".yml", ".json", ".template" };
    private static readonly string[] AlwaysChecked = { "KMS900", "KMS901", "KMS902", "KMS999" };

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var ruleFolder in Directory.GetDirectories(FixtureRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var kind in new[] { "good", "bad" })
            {
                var folder = Path.Combine(ruleFolder, kind);
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var entry in Directory.GetFileSystemEntries(folder).OrderBy(e => e, StringComparer.Ordinal))
                {
                    if (Directory.Exists(entry) || TemplateExtensions.Contains(Path.GetExtension(entry)))
                    {
                        cases.Add(Path.GetRelativePath(FixtureRoot, entry).Replace('\\', '/'));
                    }
                }
            }
        }

        return cases;
    }

    [Fact]
    public void Every_rule_fixture_folder_has_good_and_bad_cases()
    {
        foreach (var ruleFolder in Directory.GetDirectories(FixtureRoot))
        {
            Assert.NotNull(RuleCatalog.Find(Path.GetFileName(ruleFolder)));
            Assert.NotEmpty(Directory.GetFileSystemEntries(Path.Combine(ruleFolder, "good")));
            Assert.NotEmpty(Directory.GetFileSystemEntries(Path.Combine(ruleFolder, "bad")));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_gets_exactly_the_expected_findings(string fixture)
    {
        var parts = fixture.Split('/');
        var ruleId = parts[0];
        var isBad = parts[1] == "bad";
        var entry = Path.Combine(FixtureRoot, fixture);
        var isFolder = Directory.Exists(entry);
        var isChange = IsChangeCase(entry);

        var report = Linter.Lint(SourcesOf(entry), SettingsFor(entry));

        var expected = isBad ? ReadExpected(entry, isFolder) : new List<string>();
        var checkedRules = new HashSet<string>(AlwaysChecked) { ruleId };
        checkedRules.UnionWith(expected.Select(line => line.Split(' ')[0]));
        var actual = report.Findings
            .Where(f => checkedRules.Contains(f.RuleId) && (isBad || !f.IsSuppressed))
            .Select(f => Describe(f, isFolder) + (isChange ? " " + f.Level.ToString().ToLowerInvariant() : string.Empty))
            .ToList();
        Assert.Equal(expected, actual);
        Assert.True(report.TemplatesLinted > 0, fixture + " holds no template");
    }

    /// <summary>Models drop the properties no rule reads (to keep a large run's memory small); that must change no finding.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Dropping_unread_properties_changes_no_finding(string fixture)
    {
        var entry = Path.Combine(FixtureRoot, fixture);

        var whole = LintPipeline.Run(SourcesOf(entry), SettingsFor(entry), RuleRegistry.All, readsPropertiesOf: null);
        var pruned = LintPipeline.Run(SourcesOf(entry), SettingsFor(entry), RuleRegistry.All, RepoGraph.ReadsPropertiesOf);

        Assert.Equal(whole.Findings, pruned.Findings);
    }

    private static bool IsChangeCase(string entry) =>
        Directory.Exists(Path.Combine(entry, "before")) && Directory.Exists(Path.Combine(entry, "after"));

    /// <summary>The linted files: a fixture template, every file of a fixture folder as one set, or a change case's <c>after/</c>.</summary>
    private static IEnumerable<TemplateSource> SourcesOf(string entry) =>
        FilesOf(IsChangeCase(entry) ? Path.Combine(entry, "after") : entry);

    /// <summary>The defaults, and for a change case its <c>before/</c> files as the baseline.</summary>
    private static LintSettings SettingsFor(string entry) =>
        IsChangeCase(entry)
            ? LintSettings.Default with { Baseline = new ChangeControl.Baseline("base", FilesOf(Path.Combine(entry, "before")).ToList()) }
            : LintSettings.Default;

    /// <summary>A template, or every file of a folder, named relative to the folder.</summary>
    private static IEnumerable<TemplateSource> FilesOf(string entry)
    {
        var isFolder = Directory.Exists(entry);
        var files = isFolder
            ? Directory.GetFiles(entry, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : new[] { entry };
        var baseDirectory = isFolder ? entry : Path.GetDirectoryName(entry)!;
        return files.Select(f => new TemplateSource(Path.GetRelativePath(baseDirectory, f).Replace('\\', '/'), () => File.OpenRead(f)));
    }

    private static List<string> ReadExpected(string entry, bool isFolder)
    {
        var expectedFile = isFolder ? entry + ".expected" : Path.ChangeExtension(entry, ".expected");
        Assert.True(File.Exists(expectedFile), "missing " + expectedFile);
        return File.ReadAllLines(expectedFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
    }

    private static string Describe(Finding finding, bool withFile)
    {
        var place = (withFile ? finding.Location.File + ":" : string.Empty) + finding.Location.StartLine + ":" + finding.Location.StartColumn;
        return $"{finding.RuleId} {place}{(finding.LogicalId is null ? string.Empty : " " + finding.LogicalId)}{(finding.IsSuppressed ? " suppressed" : string.Empty)}";
    }
}
