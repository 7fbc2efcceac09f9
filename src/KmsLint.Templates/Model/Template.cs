using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Model;

/// <summary>One CloudFormation template: its sections as typed objects, every one with its place in the file.</summary>
public sealed class Template
{
    private readonly Dictionary<string, Resource> resourcesById;

    internal Template(
        string path,
        IReadOnlyList<Parameter> parameters,
        IReadOnlyDictionary<string, TemplateNode> conditions,
        IReadOnlyList<Resource> resources,
        IReadOnlyList<Output> outputs,
        MappingNode? mappings,
        IReadOnlyList<SuppressionEntry> suppressions)
    {
        Path = path;
        Parameters = parameters;
        Conditions = conditions;
        Resources = resources;
        Outputs = outputs;
        Mappings = mappings;
        Suppressions = suppressions;
        resourcesById = new Dictionary<string, Resource>(resources.Count, StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            resource.Template = this;
            resourcesById[resource.LogicalId] = resource;
        }

        ParametersByName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The file as the user named it.</summary>
    public string Path { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public IReadOnlyDictionary<string, Parameter> ParametersByName { get; }

    /// <summary>Condition name → its definition.</summary>
    public IReadOnlyDictionary<string, TemplateNode> Conditions { get; }

    /// <summary>Resources in file order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyList<Output> Outputs { get; }

    public MappingNode? Mappings { get; }

    /// <summary>Template-wide <c>Metadata: kmslint: ignore:</c> entries.</summary>
    public IReadOnlyList<SuppressionEntry> Suppressions { get; }

    /// <summary>The template-wide <c>Metadata: kmslint: change-request:</c>, or null: it names the approval for key changes of this template, removed keys included.</summary>
    public ChangeRequestEntry? ChangeRequest { get; internal init; }

    /// <summary>Where findings about the template as a whole go: line 1.</summary>
    public SourceSpan Start => SourceSpan.StartOf(Path);

    public Resource? FindResource(string logicalId) => resourcesById.TryGetValue(logicalId, out var resource) ? resource : null;

    /// <summary>Resources of one type (<c>AWS::KMS::Key</c>), in file order.</summary>
    public IEnumerable<Resource> ResourcesOfType(string type)
    {
        foreach (var resource in Resources)
        {
            if (string.Equals(resource.Type, type, StringComparison.Ordinal))
            {
                yield return resource;
            }
        }
    }

    public override string ToString() => Path;
}

/// <summary>A resource: logical id, type, properties and the resource attributes.</summary>
public sealed class Resource
{
    internal Resource(string logicalId, ScalarNode idNode, string type, MappingNode definition, MappingNode? properties, IReadOnlyList<string> dependsOn, IReadOnlyList<SuppressionEntry> suppressions)
    {
        LogicalId = logicalId;
        IdNode = idNode;
        Type = type;
        Definition = definition;
        Properties = properties;
        DependsOn = dependsOn;
        Suppressions = suppressions;
    }

    /// <summary>The template holding this resource.</summary>
    public Template Template { get; internal set; } = null!;

    public string LogicalId { get; }

    /// <summary>The key node of the logical id: findings about the resource point here.</summary>
    public ScalarNode IdNode { get; }

    public SourceSpan Span => IdNode.Span;

    /// <summary>The resource type, e.g. <c>AWS::KMS::Key</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// The resource mapping (Type, Properties, attributes). For a type no rule reads (see <c>TemplateBuilder.Build</c>)
    /// only Type, Condition, DeletionPolicy, UpdateReplacePolicy and DependsOn are kept.
    /// </summary>
    public MappingNode Definition { get; }

    /// <summary>
    /// The Properties mapping, or null when absent (or not a mapping, which is a KMS901 finding), or dropped because no
    /// rule reads that type.
    /// </summary>
    public MappingNode? Properties { get; }

    /// <summary>The name of the condition the resource is created under, or null.</summary>
    public string? Condition => Definition["Condition"]?.ScalarText;

    public IReadOnlyList<string> DependsOn { get; }

    public string? DeletionPolicy => Definition["DeletionPolicy"]?.ScalarText;

    public string? UpdateReplacePolicy => Definition["UpdateReplacePolicy"]?.ScalarText;

    /// <summary>This resource's <c>Metadata: kmslint: ignore:</c> entries.</summary>
    public IReadOnlyList<SuppressionEntry> Suppressions { get; }

    /// <summary>This resource's <c>Metadata: kmslint: change-request:</c>, or null.</summary>
    public ChangeRequestEntry? ChangeRequest { get; internal init; }

    /// <summary>A property's value node, or null when not set.</summary>
    public TemplateNode? Property(string name) => Properties?[name];

    /// <summary>A value below Properties by a path of keys (<c>At("MetricStat", "Metric", "Namespace")</c>), or null.</summary>
    public TemplateNode? At(params string[] path) => Properties?.At(path);

    /// <summary>Where a finding about a property goes: the property's value if set, else the resource.</summary>
    public SourceSpan SpanOf(string property) => Properties?.KeyOf(property)?.Span ?? Span;

    public override string ToString() => $"{LogicalId} ({Type})";
}

/// <summary>A template parameter; <see cref="Default"/> is what the resolver takes as its value.</summary>
public sealed class Parameter
{
    internal Parameter(string name, ScalarNode nameNode, string? type, TemplateNode? @default)
    {
        Name = name;
        NameNode = nameNode;
        Type = type;
        Default = @default;
    }

    public string Name { get; }

    public ScalarNode NameNode { get; }

    public SourceSpan Span => NameNode.Span;

    /// <summary>The parameter type (<c>String</c>, <c>AWS::SSM::Parameter::Value&lt;String&gt;</c>, ...).</summary>
    public string? Type { get; }

    public TemplateNode? Default { get; }
}

/// <summary>An output, with its export name when it exports.</summary>
public sealed class Output
{
    internal Output(string name, ScalarNode nameNode, TemplateNode? value, TemplateNode? exportName, string? condition)
    {
        Name = name;
        NameNode = nameNode;
        Value = value;
        ExportName = exportName;
        Condition = condition;
    }

    public string Name { get; }

    public ScalarNode NameNode { get; }

    public SourceSpan Span => NameNode.Span;

    public TemplateNode? Value { get; }

    /// <summary>The <c>Export: Name:</c> node, or null when the output is not exported.</summary>
    public TemplateNode? ExportName { get; }

    public string? Condition { get; }
}

/// <summary>
/// A <c>kmslint: change-request:</c> as written: <see cref="Value"/> is the text, or null when it is empty or not a single
/// text (then the change it is meant for is reported as KMS414).
/// </summary>
public sealed record ChangeRequestEntry(string? Value, SourceSpan Location);

/// <summary>One <c>kmslint: ignore:</c> entry: the rule id it silences, the reason given, and where it is written.</summary>
public sealed record SuppressionEntry(string RuleId, string? Reason, SourceSpan Location);
