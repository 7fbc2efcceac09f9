using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>A resource's <c>Tags</c> list of <c>Key</c>/<c>Value</c> entries, read through the resolver.</summary>
public static class ResourceTags
{
    /// <summary>
    /// Tag key → where it is written and its value (empty when Tags is not set); null when Tags, or one of its keys, is a
    /// value KmsLint cannot know (a parameter list, an <c>Fn::If</c> between lists), so no tag can be said to be missing.
    /// </summary>
    public static IReadOnlyDictionary<string, ResourceTag>? Read(Resolver resolver, Resource resource)
    {
        var tags = new Dictionary<string, ResourceTag>(StringComparer.Ordinal);
        switch (resource.Property("Tags"))
        {
            case null:
                return tags;
            case SequenceNode list:
                foreach (var tag in list.Items)
                {
                    var keyNode = (tag as MappingNode)?["Key"];
                    if (resolver.Resolve(resource.Template, keyNode).SingleLiteral is not { } key)
                    {
                        return null;
                    }

                    tags[key] = new ResourceTag(keyNode!, resolver.Resolve(resource.Template, tag.At("Value")));
                }

                return tags;
            default:
                return null;
        }
    }
}

/// <summary>One tag: its <c>Key</c> node (where a finding about it points) and its value.</summary>
public sealed record ResourceTag(TemplateNode KeyNode, ResolvedValue Value);
