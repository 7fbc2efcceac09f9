using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>A resource's <c>Tags</c> list of <c>Key</c>/<c>Value</c> entries, read through the resolver.</summary>
public static class ResourceTags
{
    /// <summary>
    /// Tag key → its value (empty when Tags is not set); null when Tags, or one of its keys, is a value KmsLint cannot
    /// know (a parameter list, an <c>Fn::If</c> between lists), so no tag can be said to be missing.
    /// </summary>
    public static IReadOnlyDictionary<string, ResolvedValue>? Read(Resolver resolver, Resource resource)
    {
        var tags = new Dictionary<string, ResolvedValue>(StringComparer.Ordinal);
        switch (resource.Property("Tags"))
        {
            case null:
                return tags;
            case SequenceNode list:
                foreach (var tag in list.Items)
                {
                    if (resolver.Resolve(resource.Template, (tag as MappingNode)?["Key"]).SingleLiteral is not { } key)
                    {
                        return null;
                    }

                    tags[key] = resolver.Resolve(resource.Template, tag.At("Value"));
                }

                return tags;
            default:
                return null;
        }
    }
}
