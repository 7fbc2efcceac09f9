using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// Whether two values are written alike in two versions of a template: same scalars, same mapping entries (in any
/// order), same items and functions. Aliases are shared nodes, so the walk is bounded by a node budget; past it the
/// values count as different (the caller then says it cannot tell, never that nothing changed).
/// </summary>
internal static class NodeComparer
{
    private const int MaxNodes = 10_000;

    public static bool WrittenAlike(TemplateNode? a, TemplateNode? b)
    {
        var budget = MaxNodes;
        return Alike(a, b, ref budget);
    }

    private static bool Alike(TemplateNode? a, TemplateNode? b, ref int budget)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (--budget < 0)
        {
            return false;
        }

        switch (a)
        {
            case ScalarNode scalar:
                return b is ScalarNode other && string.Equals(scalar.Value, other.Value, StringComparison.Ordinal);
            case IntrinsicNode call:
                return b is IntrinsicNode otherCall && call.Function == otherCall.Function && Alike(call.Argument, otherCall.Argument, ref budget);
            case SequenceNode list:
                if (b is not SequenceNode otherList || list.Count != otherList.Count)
                {
                    return false;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (!Alike(list.Items[i], otherList.Items[i], ref budget))
                    {
                        return false;
                    }
                }

                return true;
            case MappingNode mapping:
                if (b is not MappingNode otherMapping || mapping.Count != otherMapping.Count)
                {
                    return false;
                }

                foreach (var entry in mapping.Entries)
                {
                    if (!otherMapping.ContainsKey(entry.Key.Value) || !Alike(entry.Value, otherMapping[entry.Key.Value], ref budget))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
