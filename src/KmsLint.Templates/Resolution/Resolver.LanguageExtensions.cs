using System.Globalization;
using KmsLint.Patterns;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>The functions of the <c>AWS::LanguageExtensions</c> transform that compute a value: Fn::Length and Fn::ToJsonString.</summary>
public sealed partial class Resolver
{
    /// <summary><c>Fn::Length</c>: the number of items of each list the argument can be.</summary>
    private void AddLength(Template template, TemplateNode argument, List<PossibleValue> into, Scope scope, int depth)
    {
        foreach (var list in ListsOf(template, argument, scope, depth + 1))
        {
            into.Add(list.Items is { } items
                ? new LiteralValue(items.Count.ToString(CultureInfo.InvariantCulture), isSymbolic: false).With(list.When, null)
                : list.Unknown!);
        }
    }

    /// <summary>
    /// <c>Fn::ToJsonString</c>: the argument as compact JSON, when every value in it is known (a value with several
    /// possibilities, or none known, makes the text unknown rather than guessed).
    /// </summary>
    private void AddJsonString(Template template, TemplateNode argument, List<PossibleValue> into, Scope scope, int depth)
    {
        var unknown = default(UnknownValue);
        var json = ToJson(argument, depth + 1);
        into.Add(json is not null ? new LiteralValue(json.ToCompactJson(), isSymbolic: false) : unknown!);

        JsonValue? ToJson(TemplateNode node, int level)
        {
            if (level > MaxDepth * 4 || !scope.Step())
            {
                unknown = new UnknownValue("Fn::ToJsonString of a value nested too deeply");
                return null;
            }

            switch (node)
            {
                case MappingNode mapping:
                    var members = new List<KeyValuePair<string, JsonValue>>(mapping.Count);
                    foreach (var (key, value) in mapping.Entries)
                    {
                        if (ToJson(value, level + 1) is not { } member)
                        {
                            return null;
                        }

                        members.Add(new KeyValuePair<string, JsonValue>(key.Value, member));
                    }

                    return new JsonObject(members);
                case SequenceNode list:
                    var items = new List<JsonValue>(list.Count);
                    foreach (var item in list.Items)
                    {
                        if (ToJson(item, level + 1) is not { } value)
                        {
                            return null;
                        }

                        items.Add(value);
                    }

                    return new JsonArray(items);
                case ScalarNode { IsQuoted: false } plain when plain.AsBoolean is { } flag:
                    return JsonBool.Of(flag);
                case ScalarNode { IsQuoted: false } plain when double.TryParse(plain.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    return new JsonNumber(number, plain.Value);
                case ScalarNode scalar:
                    return new JsonString(scalar.Value);
                default:
                    var resolved = new ResolvedValue(Values(template, node, scope));
                    if (resolved.SingleLiteral is { } text)
                    {
                        return new JsonString(text);
                    }

                    unknown = resolved.FirstUnknown ?? new UnknownValue("Fn::ToJsonString of a value that can be more than one text");
                    return null;
            }
        }
    }
}
