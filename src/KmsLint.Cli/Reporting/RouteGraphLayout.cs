using KmsLint.Templates.Findings;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// What the two pictures (DOT and Mermaid) draw the same way: nodes grouped by template file, the lines of a node's
/// label, which links are broken and how a node is coloured.
/// </summary>
internal static class RouteGraphLayout
{
    /// <summary>The nodes by template file, in the order first met; nodes outside the templates last, under a null file.</summary>
    public static IReadOnlyList<(string? File, IReadOnlyList<RouteNode> Nodes)> ByFile(CoverageReport coverage) =>
        coverage.Nodes.GroupBy(node => node.Location?.File)
            .OrderBy(group => group.Key is null)
            .Select(group => (group.Key, (IReadOnlyList<RouteNode>)group.ToList()))
            .ToList();

    /// <summary>Name, kind (and detail), the key's coverage, and the rule ids found on it.</summary>
    public static IReadOnlyList<string> Lines(RouteNode node, CoverageReport coverage)
    {
        var lines = new List<string> { node.Name, ReportWords.Kind(node) };
        if (KeyOf(node, coverage) is { } key)
            lines.Add("monitored: " + ReportWords.Status(key.Status));
        else if (node.Detail is { } detail)
            lines.Add(detail);
        if (coverage.Routes.FirstOrDefault(route => route.DetectionNode == node) is { } route)
            lines.Add(route.WorstCaseMinutesToDetect is { } minutes ? $"{ReportWords.State(route.State)}, {ReportWords.Minutes(minutes)} at worst" : ReportWords.State(route.State));
        if (node.Condition is { } condition)
            lines.Add("only where " + condition + " is true");
        if (node.RuleIds.Count > 0)
            lines.Add(string.Join(" ", node.RuleIds));
        return lines;
    }

    /// <summary>The rule ids of the findings on the node a link leads into (a broken link), or empty.</summary>
    public static string BrokenAt(RouteEdge edge) => edge.IsRecording ? string.Empty : ReportWords.RuleIds(edge.To);

    /// <summary>
    /// A key is green when monitored, red when not, amber in between; any other node with an error or warning on it is
    /// red (broken); the others keep the plain look.
    /// </summary>
    public static NodeLook Look(RouteNode node, CoverageReport coverage)
    {
        if (KeyOf(node, coverage) is { } key)
        {
            return key.Status switch
            {
                MonitoringStatus.Monitored => NodeLook.Monitored,
                MonitoringStatus.Unmonitored => NodeLook.Unmonitored,
                _ => NodeLook.Uncertain,
            };
        }

        return node.WorstLevel >= Level.Warning ? NodeLook.Broken : NodeLook.Plain;
    }

    private static KeyCoverage? KeyOf(RouteNode node, CoverageReport coverage) =>
        node.Kind == RouteNodeKind.Key ? coverage.Keys.FirstOrDefault(key => key.Node == node) : null;
}

/// <summary>How the pictures colour a node.</summary>
internal enum NodeLook
{
    Plain,
    Monitored,
    Unmonitored,
    Uncertain,
    Broken,
}
