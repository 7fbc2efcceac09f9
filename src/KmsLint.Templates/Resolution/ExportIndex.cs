using KmsLint.Templates.Model;

namespace KmsLint.Templates.Resolution;

/// <summary>One exported output, under the name it is exported as.</summary>
internal sealed class Export
{
    internal Export(Template template, Output output, string name)
    {
        Template = template;
        Output = output;
        Name = name;
    }

    public Template Template { get; }

    public Output Output { get; }

    public string Name { get; }
}

/// <summary>What an import name finds: the exports, the stack name assumed to find them, or why nothing is found.</summary>
internal sealed class ExportMatch
{
    private ExportMatch(IReadOnlyList<Export> exports, string? assumedStackName, string? failure)
    {
        Exports = exports;
        AssumedStackName = assumedStackName;
        Failure = failure;
    }

    public IReadOnlyList<Export> Exports { get; }

    /// <summary>Set when the only export that fits was found by taking this as its template's stack name.</summary>
    public string? AssumedStackName { get; }

    public string? Failure { get; }

    internal static ExportMatch Found(IReadOnlyList<Export> exports, string? assumedStackName = null) => new(exports, assumedStackName, null);

    internal static ExportMatch NotFound(string failure) => new(Array.Empty<Export>(), null, failure);
}

/// <summary>
/// The exports of the linted set by name. Exports are regional and per account, so <c>${AWS::Region}</c> and
/// <c>${AWS::AccountId}</c> are the same on both sides of an import; <c>${AWS::StackName}</c> is not: it is the
/// exporting stack's own name. An export named <c>${AWS::StackName}-X</c> whose template has no declared stack name
/// is found by an import of <c>org-audit-X</c> only when it is the only export that fits.
/// </summary>
internal sealed class ExportIndex
{
    private const string StackNamePlaceholder = "${AWS::StackName}";

    private readonly Dictionary<string, List<Export>> byName = new(StringComparer.Ordinal);
    private readonly List<(Export Export, string Prefix, string Suffix)> byStackNamePattern = new();

    internal void Add(Export export, bool isSymbolic)
    {
        var at = isSymbolic ? export.Name.IndexOf(StackNamePlaceholder, StringComparison.Ordinal) : -1;
        if (at >= 0)
        {
            var prefix = export.Name.Substring(0, at);
            var suffix = export.Name.Substring(at + StackNamePlaceholder.Length);
            if (prefix.IndexOf("${", StringComparison.Ordinal) < 0 && suffix.IndexOf("${", StringComparison.Ordinal) < 0)
            {
                byStackNamePattern.Add((export, prefix, suffix));
            }

            // Identical text is never the same export: the importing stack's name is not the exporting stack's.
            return;
        }

        if (!byName.TryGetValue(export.Name, out var list))
        {
            byName[export.Name] = list = new List<Export>();
        }

        list.Add(export);
    }

    internal IReadOnlyList<Export> Named(string name) =>
        byName.TryGetValue(name, out var list) ? list : (IReadOnlyList<Export>)Array.Empty<Export>();

    internal ExportMatch Find(LiteralValue name)
    {
        if (byName.TryGetValue(name.Text, out var exact))
        {
            return ExportMatch.Found(exact);
        }

        if (name.Text.IndexOf(StackNamePlaceholder, StringComparison.Ordinal) >= 0)
        {
            return ExportMatch.NotFound(
                $"Fn::ImportValue {name.Text} names an export of the importing stack itself (${{AWS::StackName}} is its own name), which CloudFormation does not allow");
        }

        if (name.IsSymbolic)
        {
            return ExportMatch.NotFound($"no template in the linted set exports {name.Text}");
        }

        var fits = byStackNamePattern
            .Where(p => name.Text.Length > p.Prefix.Length + p.Suffix.Length
                        && name.Text.StartsWith(p.Prefix, StringComparison.Ordinal)
                        && name.Text.EndsWith(p.Suffix, StringComparison.Ordinal))
            .ToList();
        switch (fits.Count)
        {
            case 0:
                return ExportMatch.NotFound($"no template in the linted set exports {name.Text}");
            case 1:
                var (export, prefix, suffix) = fits[0];
                return ExportMatch.Found(new[] { export }, name.Text.Substring(prefix.Length, name.Text.Length - prefix.Length - suffix.Length));
            default:
                return ExportMatch.NotFound(
                    $"{fits.Count} templates export a name that fits {name.Text} depending on their stack name ({string.Join(", ", fits.Select(f => f.Export.Template.Path).Distinct())}); "
                    + "declare which stack each template is deployed as under stacks: in .kmslint.yaml");
        }
    }
}
