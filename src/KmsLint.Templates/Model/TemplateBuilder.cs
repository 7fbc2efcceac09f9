using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Model;

/// <summary>Turns a parsed file into a <see cref="Template"/>, reporting wrong shapes (KMS901) and keeping what is usable.</summary>
public static class TemplateBuilder
{
    private static readonly string[] ResourceTypePrefixes = { "AWS::", "Custom::", "Alexa::" };

    /// <summary>The resource attributes a resource of any type keeps when its properties are dropped.</summary>
    private static readonly string[] KeptAttributes = { "Type", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "DependsOn" };

    /// <summary>True when the root is a CloudFormation template: it has <c>AWSTemplateFormatVersion</c>, or typed AWS/custom resources.</summary>
    public static bool IsTemplate(TemplateNode? root)
    {
        if (root is not MappingNode mapping)
        {
            return false;
        }

        if (mapping.ContainsKey("AWSTemplateFormatVersion"))
        {
            return true;
        }

        if (mapping["Resources"] is not MappingNode resources)
        {
            return false;
        }

        foreach (var entry in resources.Entries)
        {
            if (entry.Value is MappingNode definition && definition["Type"]?.ScalarText is { } type && HasResourceTypePrefix(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Builds the model of a template root (check <see cref="IsTemplate"/> first); shape problems go to <paramref name="malformed"/>.
    /// When <paramref name="readsPropertiesOf"/> is given, resources of other types keep only their logical id, type,
    /// resource attributes and suppressions, and a template with no resource of a read type and no export keeps only
    /// its path, ignore entries, parameters and conditions: a run keeps every model alive until the rules have run, and the bulk of a real
    /// repository (function code, IAM policies, state machines) is in resources no rule reads.
    /// With <c>Transform: AWS::LanguageExtensions</c>, <c>Fn::ForEach</c> loops are expanded first (see <see cref="ForEachExpander"/>);
    /// what cannot be expanded goes to <paramref name="uncheckedParts"/>.
    /// </summary>
    public static Template Build(
        string path, MappingNode root, List<ParseProblem> malformed, Func<string, bool>? readsPropertiesOf = null, List<UncheckedPart>? uncheckedParts = null)
    {
        if (ForEachExpander.IsDeclared(root))
        {
            root = ForEachExpander.Expand(root, malformed, uncheckedParts ?? new List<UncheckedPart>());
        }

        var parameters = new List<Parameter>();
        foreach (var (name, value) in Section(root, "Parameters", malformed))
        {
            var definition = value as MappingNode;
            if (definition is null)
            {
                malformed.Add(new ParseProblem($"parameter {name.Value} must be a mapping", value.Span));
            }

            parameters.Add(new Parameter(name.Value, name, definition?["Type"]?.ScalarText, definition?["Default"]));
        }

        var conditions = new Dictionary<string, TemplateNode>(StringComparer.Ordinal);
        foreach (var (name, value) in Section(root, "Conditions", malformed))
        {
            conditions[name.Value] = value;
        }

        var resources = new List<Resource>();
        foreach (var (id, value) in Section(root, "Resources", malformed))
        {
            if (BuildResource(id, value, malformed, readsPropertiesOf) is { } resource)
            {
                resources.Add(resource);
            }
        }

        var outputs = new List<Output>();
        foreach (var (name, value) in Section(root, "Outputs", malformed))
        {
            if (value is not MappingNode definition)
            {
                malformed.Add(new ParseProblem($"output {name.Value} must be a mapping", value.Span));
                continue;
            }

            var export = definition["Export"];
            if (export is not null and not MappingNode)
            {
                malformed.Add(new ParseProblem($"output {name.Value}: Export must be a mapping with Name", export.Span));
            }

            outputs.Add(new Output(name.Value, name, definition["Value"], (export as MappingNode)?["Name"], definition["Condition"]?.ScalarText));
        }

        var mappings = root["Mappings"];
        if (mappings is not null and not MappingNode)
        {
            malformed.Add(new ParseProblem("Mappings must be a mapping", mappings.Span));
        }

        var (suppressions, changeRequest) = KmslintMetadata.Read(root["Metadata"], malformed);
        if (readsPropertiesOf is not null && !resources.Exists(resource => readsPropertiesOf(resource.Type)) && !outputs.Exists(output => output.ExportName is not null))
        {
            // Nothing in it can be a node of the graph or be imported by one: keep the file, its kmslint metadata, and the
            // parameters and conditions whose reference cycles are reported for every template.
            return new Template(path, parameters, conditions, Array.Empty<Resource>(), Array.Empty<Output>(), null, suppressions) { ChangeRequest = changeRequest };
        }

        return new Template(path, parameters, conditions, resources, outputs, mappings as MappingNode, suppressions) { ChangeRequest = changeRequest };
    }

    private static bool HasResourceTypePrefix(string type)
    {
        foreach (var prefix in ResourceTypePrefixes)
        {
            if (type.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static Resource? BuildResource(ScalarNode id, TemplateNode value, List<ParseProblem> malformed, Func<string, bool>? readsPropertiesOf)
    {
        if (value is not MappingNode definition)
        {
            malformed.Add(new ParseProblem($"resource {id.Value} must be a mapping with Type", value.Span));
            return null;
        }

        var typeNode = definition["Type"];
        if (typeNode is not ScalarNode { Value.Length: > 0 } type)
        {
            malformed.Add(new ParseProblem(
                typeNode is null ? $"resource {id.Value} has no Type" : $"resource {id.Value}: Type must be a string",
                typeNode?.Span ?? id.Span));
            return null;
        }

        var propertiesNode = definition["Properties"];
        if (propertiesNode is ScalarNode or SequenceNode)
        {
            malformed.Add(new ParseProblem($"resource {id.Value}: Properties must be a mapping", propertiesNode.Span));
        }

        var dependsOn = DependsOn(id, definition["DependsOn"], malformed);
        var (suppressions, changeRequest) = KmslintMetadata.Read(definition["Metadata"], malformed);
        var constructPath = (definition["Metadata"] as MappingNode)?["aws:cdk:path"]?.ScalarText;
        return readsPropertiesOf is null || readsPropertiesOf(type.Value)
            ? new Resource(id.Value, id, type.Value, definition, propertiesNode as MappingNode, dependsOn, suppressions) { ChangeRequest = changeRequest, ConstructPath = constructPath }
            : new Resource(id.Value, id, type.Value, AttributesOnly(definition), null, dependsOn, suppressions) { ChangeRequest = changeRequest, ConstructPath = constructPath };
    }

    private static MappingNode AttributesOnly(MappingNode definition)
    {
        var attributes = new MappingNode(definition.Span);
        foreach (var name in KeptAttributes)
        {
            if (definition.KeyOf(name) is { } key)
            {
                attributes.TryAdd(key, definition[name]!);
            }
        }

        return attributes;
    }

    private static IReadOnlyList<string> DependsOn(ScalarNode id, TemplateNode? node, List<ParseProblem> malformed)
    {
        switch (node)
        {
            case null:
                return Array.Empty<string>();
            case ScalarNode scalar:
                return new[] { scalar.Value };
            case SequenceNode list:
                var names = new List<string>(list.Count);
                foreach (var item in list.Items)
                {
                    if (item.ScalarText is { } name)
                    {
                        names.Add(name);
                    }
                    else
                    {
                        malformed.Add(new ParseProblem($"resource {id.Value}: DependsOn entries must be logical ids", item.Span));
                    }
                }

                return names;
            default:
                malformed.Add(new ParseProblem($"resource {id.Value}: DependsOn must be a logical id or a list of them", node.Span));
                return Array.Empty<string>();
        }
    }

    /// <summary>The entries of a top-level section; a section that is not a mapping is reported and read as empty.</summary>
    /// <remarks>A loop left in a section (no transform declared) is reported once, as CloudFormation would reject it.</remarks>
    private static IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> Section(MappingNode root, string name, List<ParseProblem> malformed)
    {
        switch (root[name])
        {
            case null:
                return Array.Empty<KeyValuePair<ScalarNode, TemplateNode>>();
            case MappingNode section:
                // A loop over the entries, copying only when a loop key is met: LINQ over the entries (value-type pairs)
                // was JIT-compiled at every start, and almost no section holds a loop.
                List<KeyValuePair<ScalarNode, TemplateNode>>? kept = null;
                for (var i = 0; i < section.Entries.Count; i++)
                {
                    var entry = section.Entries[i];
                    if (!ForEachExpander.IsLoopKey(entry.Key.Value))
                    {
                        kept?.Add(entry);
                        continue;
                    }

                    malformed.Add(new ParseProblem($"{entry.Key.Value} needs Transform: AWS::LanguageExtensions at the top of the template", entry.Key.Span));
                    if (kept is null)
                    {
                        kept = new List<KeyValuePair<ScalarNode, TemplateNode>>(section.Entries.Count);
                        for (var j = 0; j < i; j++)
                        {
                            kept.Add(section.Entries[j]);
                        }
                    }
                }

                return kept ?? section.Entries;
            case var other:
                malformed.Add(new ParseProblem($"{name} must be a mapping", other.Span));
                return Array.Empty<KeyValuePair<ScalarNode, TemplateNode>>();
        }
    }
}

/// <summary>
/// Reads <c>Metadata: kmslint:</c>: <c>ignore: [KMS400, {id: KMS402, reason: "..."}]</c> and <c>change-request: CHG-1234</c>;
/// any other key is reported (<see cref="KmslintMetadataKeys"/>), as it would silently not do what its writer meant.
/// </summary>
internal static class KmslintMetadata
{
    internal static (IReadOnlyList<SuppressionEntry> Suppressions, ChangeRequestEntry? ChangeRequest) Read(TemplateNode? metadata, List<ParseProblem> malformed)
    {
        if ((metadata as MappingNode)?["kmslint"] is not { } kmslint)
        {
            return (Array.Empty<SuppressionEntry>(), null);
        }

        if (kmslint is not MappingNode settings)
        {
            malformed.Add(new ParseProblem("kmslint metadata must be a mapping, e.g. kmslint: {ignore: [KMS400]}", kmslint.Span));
            return (Array.Empty<SuppressionEntry>(), null);
        }

        KmslintMetadataKeys.Check(settings, malformed);
        var changeRequest = settings.KeyOf(KmslintMetadataKeys.ChangeRequest) is { } changeRequestKey
            ? new ChangeRequestEntry(settings[KmslintMetadataKeys.ChangeRequest] is ScalarNode { Value.Length: > 0 } text ? text.Value : null, (settings[KmslintMetadataKeys.ChangeRequest] ?? changeRequestKey).Span)
            : null;
        return (settings[KmslintMetadataKeys.Ignore] is { } ignore ? ReadIgnore(ignore, malformed) : Array.Empty<SuppressionEntry>(), changeRequest);
    }

    private static IReadOnlyList<SuppressionEntry> ReadIgnore(TemplateNode ignore, List<ParseProblem> malformed)
    {
        var items = ignore is SequenceNode list ? list.Items : new[] { ignore };
        var entries = new List<SuppressionEntry>(items.Count);
        foreach (var item in items)
        {
            var (id, reason) = item switch
            {
                ScalarNode scalar => (scalar.Value, null),
                MappingNode entry => (entry["id"]?.ScalarText, entry["reason"]?.ScalarText),
                _ => ((string?)null, (string?)null),
            };
            if (id is null || Findings.RuleCatalog.Find(id) is not { } rule)
            {
                malformed.Add(new ParseProblem(
                    id is null ? "kmslint ignore entries are rule ids or {id: KMSnnn, reason: \"...\"}" : $"kmslint ignore names an unknown rule {id}",
                    item.Span));
                continue;
            }

            entries.Add(new SuppressionEntry(rule.Id, reason, item.Span));
        }

        return entries;
    }
}
