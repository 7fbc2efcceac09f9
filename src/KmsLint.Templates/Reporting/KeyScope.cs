using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Reporting;

/// <summary>Whether a route watches one key's events.</summary>
internal enum ScopeVerdict
{
    Covers,
    DoesNotCover,
    Unknown,
}

/// <summary>
/// Which keys of the set a detection watches. A rule whose event pattern names keys by intrinsic
/// (<c>detail.resources.ARN: [!GetAtt KeyA.Arn]</c>, see <see cref="PatternEvaluation.Scoped"/>) watches only those;
/// a field that names something else by intrinsic (<c>detail.userIdentity.arn: !GetAtt Role.Arn</c>) narrows the
/// events of every key, which the report shows as a caveat. A detection without such fields watches every key.
/// </summary>
internal sealed class KeyScope
{
    private readonly IReadOnlyList<Field> fields;

    private KeyScope(IReadOnlyList<Field> fields) => this.fields = fields;

    /// <summary>The keys the pattern names, or null when it names none (it watches every key).</summary>
    internal IReadOnlyList<Key>? NamedKeys
    {
        get
        {
            var named = fields.SelectMany(scoped => scoped.Keys).Distinct().ToList();
            return named.Count == 0 ? null : named;
        }
    }

    internal static KeyScope Of(Detection detection, RepoGraph graph)
    {
        var fields = new List<Field>();
        foreach (var scoped in detection.Pattern.Scoped)
        {
            var value = graph.Resolver.ResolveList(detection.Resource.Template, scoped.Value);
            var keys = value.Resources.Select(resource => graph.NodeOf(resource.Resource)).OfType<Key>().Distinct().ToList();
            var others = value.Possibilities.Where(possibility => !(possibility is ResourceValue reference && graph.NodeOf(reference.Resource) is Key)).ToList();
            fields.Add(new Field(scoped.Path, keys, others));
        }

        return new KeyScope(fields);
    }

    /// <summary>Whether the detection watches the key's events, and what narrows them (fields that name other things).</summary>
    internal (ScopeVerdict Verdict, IReadOnlyList<string> Caveats) For(Key key)
    {
        var caveats = new List<string>();
        var unknown = false;
        foreach (var field in fields)
        {
            if (field.Keys.Count > 0)
            {
                if (field.Keys.Contains(key))
                {
                    continue;
                }

                // Another key's ARN, a literal or another resource cannot be this key; only an unknown value might be.
                if (!field.Others.Any(other => other is UnknownValue))
                {
                    return (ScopeVerdict.DoesNotCover, Array.Empty<string>());
                }

                unknown = true;
            }
            else
            {
                caveats.Add($"only events whose {field.Path} is {string.Join(" or ", field.Others)}");
            }
        }

        return (unknown ? ScopeVerdict.Unknown : ScopeVerdict.Covers, caveats);
    }

    private sealed record Field(string Path, IReadOnlyList<Key> Keys, IReadOnlyList<PossibleValue> Others);
}
