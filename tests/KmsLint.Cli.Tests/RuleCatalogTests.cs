using System.Text.RegularExpressions;
using KmsLint.Cli.Commands;

namespace KmsLint.Cli.Tests;

/// <summary>
/// One catalogue for both products (<see cref="KnownRules"/>: the linter's RuleCatalog and the CLI's table of the
/// analyzer's rules), and everything a user reads about a rule agrees with it: each rule has its page
/// <c>rules/ID.md</c> with the same default level, no page is left without a rule, and the README's rule tables list
/// exactly the catalogue's ids with their levels.
/// </summary>
public sealed class RuleCatalogTests
{
    private static string RulesFolder => Path.Combine(ExternalTools.RepositoryRoot, "rules");

    /// <summary>Every rule id of both products (also the cases of RulesAndExplainTests).</summary>
    public static TheoryData<string> RuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var rule in KnownRules.All)
            ids.Add(rule.Descriptor.Id);
        return ids;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_page_whose_default_level_is_the_catalogue_level(string id)
    {
        var rule = KnownRules.Find(id)!.Descriptor;
        var page = Path.Combine(RulesFolder, id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page rules/{id}.md (its help link and 'kmslint explain {id}' need one)");

        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id, text);
        Assert.Equal(LevelNames.Of(rule.DefaultLevel), DefaultLevelOnPage(text, id));
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_rule_of_the_catalogue()
    {
        var orphans = Directory.GetFiles(RulesFolder, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => KnownRules.Find(id!) is null)
            .ToList();
        Assert.True(orphans.Count == 0, "pages without a rule in the catalogue: " + string.Join(", ", orphans));
    }

    [Fact]
    public void The_README_rule_tables_list_every_rule_of_both_products_with_its_level()
    {
        var rows = ReadmeRuleRows();

        var duplicates = rows.GroupBy(row => row.Id).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(duplicates.Count == 0, "README lists more than once: " + string.Join(", ", duplicates));
        var expected = KnownRules.All.Select(rule => $"{rule.Descriptor.Id} {LevelNames.Of(rule.Descriptor.DefaultLevel)}");
        var listed = rows.Select(row => $"{row.Id} {row.Level}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed);
    }

    /// <summary>Rows of the form <c>| [KMS203](rules/KMS203.md) | error | what it finds |</c>, anywhere in README.md.</summary>
    private static List<(string Id, string Level)> ReadmeRuleRows()
    {
        var readme = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "README.md"));
        return Regex.Matches(readme, @"^\| \[(KMS\d{3})\]\(rules/\1\.md\) \| ([a-z]+) \| .+ \|\r?$", RegexOptions.Multiline)
            .Select(match => (match.Groups[1].Value, match.Groups[2].Value))
            .ToList();
    }

    /// <summary>
    /// The default level a page states, in the catalogue's words: linter pages write <c>**Default level:** error</c>,
    /// analyzer pages a <c>| Default severity | Warning |</c> row (Roslyn's Info is the catalogue's note).
    /// </summary>
    private static string DefaultLevelOnPage(string page, string id)
    {
        var linterForm = Regex.Match(page, @"^\*\*Default level:\*\* *(\w+)", RegexOptions.Multiline);
        var analyzerForm = Regex.Match(page, @"^\| Default severity \| *(\w+) *\|", RegexOptions.Multiline);
        Assert.True(linterForm.Success != analyzerForm.Success,
            $"rules/{id}.md must state its default level once, as '**Default level:** LEVEL' or a '| Default severity | LEVEL |' row");
        var word = (linterForm.Success ? linterForm : analyzerForm).Groups[1].Value.ToLowerInvariant();
        return word == "info" ? "note" : word;
    }
}
