using System.Text;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// <c>--format mermaid</c>: the route graph as a Mermaid flowchart (GitHub renders it in Markdown), one box per template
/// file. Nodes are named by generated ids; every template value is written inside a quoted label with <c>"</c>,
/// <c>#</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, backticks and backslashes as Mermaid entity codes, so a hostile template cannot
/// end a label, add a link or inject markup. Broken links are red and labelled with their rule ids.
/// </summary>
internal sealed class MermaidReport : ICoverageRenderer
{
    public void Write(CoverageRun run, TextWriter output)
    {
        var coverage = run.Coverage;
        output.WriteLine("flowchart LR");
        var files = RouteGraphLayout.ByFile(coverage);
        for (var i = 0; i < files.Count; i++)
        {
            var (file, nodes) = files[i];
            if (file is not null)
                output.WriteLine($"  subgraph f{i + 1}[\"{Label(file)}\"]");
            foreach (var node in nodes)
                output.WriteLine($"  {(file is null ? "" : "  ")}{node.Id}[\"{Label(RouteGraphLayout.Lines(node, coverage), "<br/>")}\"]");
            if (file is not null)
                output.WriteLine("  end");
        }

        var brokenEdges = new List<int>();
        for (var i = 0; i < coverage.Edges.Count; i++)
        {
            var edge = coverage.Edges[i];
            var ruleIds = RouteGraphLayout.BrokenAt(edge);
            var arrow = edge.IsRecording ? "-.->" : "-->";
            var label = edge.IsRecording ? "records" : ruleIds;
            output.WriteLine(label.Length == 0 ? $"  {edge.From.Id} {arrow} {edge.To.Id}" : $"  {edge.From.Id} {arrow}|\"{Label(label)}\"| {edge.To.Id}");
            if (ruleIds.Length > 0)
                brokenEdges.Add(i);
        }

        output.WriteLine("  classDef broken stroke:#cc0000,stroke-width:2px,color:#cc0000");
        output.WriteLine("  classDef monitored fill:#e6f4ea,stroke:#137333");
        output.WriteLine("  classDef unmonitored fill:#fce8e6,stroke:#cc0000");
        output.WriteLine("  classDef uncertain fill:#fef7e0,stroke:#b06000");
        foreach (var group in coverage.Nodes.GroupBy(node => RouteGraphLayout.Look(node, coverage)).Where(group => group.Key != NodeLook.Plain))
            output.WriteLine($"  class {string.Join(",", group.Select(node => node.Id))} {group.Key.ToString().ToLowerInvariant()}");
        if (brokenEdges.Count > 0)
            output.WriteLine($"  linkStyle {string.Join(",", brokenEdges)} stroke:#cc0000,stroke-width:2px,color:#cc0000");
    }

    /// <summary>Lines of template text as one quoted-label text: entity codes for what Mermaid would read, control characters as spaces.</summary>
    internal static string Label(string text, string lineBreak = " ") => Label(new[] { text }, lineBreak);

    private static string Label(IEnumerable<string> lines, string lineBreak) => string.Join(lineBreak, lines.Select(Escape));

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '#' => "#35;",
                '"' => "#quot;",
                '&' => "#amp;",
                '<' => "#lt;",
                '>' => "#gt;",
                '`' => "#96;",
                '\\' => "#92;",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => " ",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
