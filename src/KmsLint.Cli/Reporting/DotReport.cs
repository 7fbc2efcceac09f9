using System.Text;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// <c>--format dot</c>: the route graph for Graphviz (<c>dot -Tpng report.dot -o routes.png</c>), left to right from
/// the keys and trails to the subscribers, one box per template file. Broken links are red and labelled with the rule
/// ids found on the resource they lead into. Nodes are named by generated ids; template values only ever appear in
/// quoted labels, with <c>"</c> and <c>\</c> escaped and control characters replaced, so a hostile template cannot end
/// a label, add statements or use Graphviz's <c>\N</c>-style label escapes.
/// </summary>
internal sealed class DotReport : ICoverageRenderer
{
    private const string Red = "#cc0000";

    public void Write(CoverageRun run, TextWriter output)
    {
        var coverage = run.Coverage;
        var summary = coverage.Summary;
        output.WriteLine("digraph kmslint {");
        output.WriteLine($"  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label={Quote($"KMS key lifecycle detection routes: {ReportWords.Share(summary.KeysMonitored, summary.Keys, summary.KeysMonitoredPercent)} keys monitored, routes {ReportWords.Routes(summary)}")}];");
        output.WriteLine("  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#5f6368\"];");
        output.WriteLine("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5f6368\"];");
        var files = RouteGraphLayout.ByFile(coverage);
        for (var i = 0; i < files.Count; i++)
        {
            var (file, nodes) = files[i];
            var indent = file is null ? "  " : "    ";
            if (file is not null)
                output.WriteLine($"  subgraph cluster_{i + 1} {{\n    label={Quote(file)}; style=\"rounded,dashed\"; color=\"#9aa0a6\"; fontcolor=\"#5f6368\";");
            foreach (var node in nodes)
                output.WriteLine($"{indent}{node.Id} [label={Quote(RouteGraphLayout.Lines(node, coverage))}{Look(node, coverage)}];");
            if (file is not null)
                output.WriteLine("  }");
        }

        foreach (var edge in coverage.Edges)
        {
            var ruleIds = RouteGraphLayout.BrokenAt(edge);
            var look = edge.IsRecording ? " [style=dashed, label=\"records\", fontcolor=\"#5f6368\"]"
                : ruleIds.Length > 0 ? $" [color=\"{Red}\", fontcolor=\"{Red}\", penwidth=2, label={Quote(ruleIds)}]"
                : string.Empty;
            output.WriteLine($"  {edge.From.Id} -> {edge.To.Id}{look};");
        }

        output.WriteLine("}");
    }

    private static string Look(RouteNode node, CoverageReport coverage) => RouteGraphLayout.Look(node, coverage) switch
    {
        NodeLook.Monitored => ", fillcolor=\"#e6f4ea\", color=\"#137333\"",
        NodeLook.Unmonitored => $", fillcolor=\"#fce8e6\", color=\"{Red}\", penwidth=2",
        NodeLook.Uncertain => ", fillcolor=\"#fef7e0\", color=\"#b06000\"",
        NodeLook.Broken => $", color=\"{Red}\", fontcolor=\"{Red}\", penwidth=2",
        _ => node.Kind == RouteNodeKind.Target || node.IsExternal ? ", style=\"rounded,dashed\"" : string.Empty,
    };

    private static string Quote(string text) => Quote(new[] { text });

    /// <summary>Lines as one DOT quoted string joined by <c>\n</c>: backslash and quote escaped, control characters as spaces.</summary>
    internal static string Quote(IEnumerable<string> lines)
    {
        var quoted = new StringBuilder("\"");
        var first = true;
        foreach (var line in lines)
        {
            if (!first)
                quoted.Append("\\n");
            first = false;
            foreach (var c in line)
            {
                quoted.Append(c switch
                {
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    _ when char.IsControl(c) || c is '\u2028' or '\u2029' => " ",
                    _ => c.ToString(),
                });
            }
        }
        return quoted.Append('"').ToString();
    }
}
