using CsCheck;

namespace KmsLint.Patterns.Tests.Fuzz;

/// <summary>
/// The parsers see hostile text from repositories they did not write: on any input they either succeed or throw
/// <see cref="PatternSyntaxException"/> with a position inside (or just after) the text — never anything else —
/// and whatever parses can be evaluated against the corpus without throwing.
/// </summary>
[Trait("Category", "Fuzz")]
public class ParserFuzzTests
{
    private const string FilterAlphabet = "{}()[]$.=!<>&|\"%*?-_,\\ \n\t\raeEINSTULRFXkmsDisableKey0123456789";
    private const string JsonAlphabet = "{}[]:,\"\\/ \n\t-+.eE0123456789truefalsnu$orxprefixnumeric";

    private static readonly Gen<string> AlphabetText = Gen.String[Gen.Char[FilterAlphabet], 0, 120];
    private static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 120];

    [Fact]
    public void FilterPattern_Parse_throws_only_its_own_error_on_random_text()
    {
        Gen.OneOf(AlphabetText, AnyText).Sample(AssertFilterPatternSurvives, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void FilterPattern_Parse_throws_only_its_own_error_on_mutated_real_patterns()
    {
        Mutated(FuzzSettings.RealFilterPatterns, FilterAlphabet).Sample(AssertFilterPatternSurvives, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void EventPattern_Parse_throws_only_its_own_error_on_random_and_mutated_text()
    {
        Gen.OneOf(Gen.String[Gen.Char[JsonAlphabet], 0, 120], AnyText, Mutated(FuzzSettings.RealEventPatterns, JsonAlphabet))
            .Sample(AssertEventPatternSurvives, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void EventPattern_FromValue_throws_only_its_own_error_on_random_value_trees()
    {
        JsonTrees.Value(depth: 4).Sample(tree =>
        {
            try
            {
                CloudTrailCorpus.Evaluate(EventPattern.FromValue(tree));
            }
            catch (PatternSyntaxException e)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1);
            }
        }, iter: FuzzSettings.Iterations);
    }

    [Fact]
    public void Json_Parse_throws_only_its_own_error_on_random_and_mutated_text()
    {
        var corpusRecords = CloudTrailCorpus.Samples.Select(s => s.LogMessage).ToArray();
        Gen.OneOf(Gen.String[Gen.Char[JsonAlphabet], 0, 120], AnyText, Mutated(corpusRecords, JsonAlphabet))
            .Sample(text => AssertOnlySyntaxErrors(text, () => Json.Parse(text)), iter: FuzzSettings.Iterations);
    }

    private static void AssertFilterPatternSurvives(string text) =>
        AssertOnlySyntaxErrors(text, () =>
        {
            var pattern = FilterPattern.Parse(text);
            CloudTrailCorpus.Evaluate(pattern);
            pattern.Matches(text);
        });

    private static void AssertEventPatternSurvives(string text) =>
        AssertOnlySyntaxErrors(text, () => CloudTrailCorpus.Evaluate(EventPattern.Parse(text)));

    /// <summary>Runs <paramref name="action"/>; a syntax error must point at a line and column the text has.</summary>
    private static void AssertOnlySyntaxErrors(string text, Action action)
    {
        try
        {
            action();
        }
        catch (PatternSyntaxException e)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            Assert.InRange(e.Line, 1, lines.Length);
            Assert.InRange(e.Column, 1, lines[e.Line - 1].Length + 1);
        }
    }

    /// <summary>A real input with 1–8 random edits: insert, delete, replace, or duplicate a slice.</summary>
    private static Gen<string> Mutated(string[] seeds, string alphabet) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.Char[alphabet]).Array[1, 8],
            (seed, edits) =>
            {
                var text = new System.Text.StringBuilder(seeds[seed]);
                foreach (var (kind, position, c) in edits)
                {
                    var at = text.Length == 0 ? 0 : position % text.Length;
                    switch (kind)
                    {
                        case 0: text.Insert(at, c); break;
                        case 1 when text.Length > 0: text.Remove(at, 1); break;
                        case 2 when text.Length > 0: text[at] = c; break;
                        default:
                            var length = Math.Min(1 + (position % 7), text.Length - at);
                            text.Insert(at, text.ToString(at, length));
                            break;
                    }
                }

                return text.ToString();
            });
}

/// <summary>Random JSON value trees built from the words event patterns use, so many reach deep validation paths.</summary>
internal static class JsonTrees
{
    private static readonly string[] Keys =
    {
        "source", "detail", "eventName", "prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "wildcard",
        "equals-ignore-case", "$or", "x",
    };

    private static readonly string[] Strings = { "aws.kms", "DisableKey", "*Key*", "a**b", "a\\b", "10.0.0.0/8", "::1/128", ">", "<=", "=", "" };

    private static readonly Gen<JsonValue> Scalar = Gen.OneOf<JsonValue>(
        Gen.OneOf(Strings).Select(s => (JsonValue)new JsonString(s)),
        Gen.OneOf(-1e10, -1, 0, 0.5, 7, 5e9).Select(d => (JsonValue)new JsonNumber(d)),
        Gen.Bool.Select(b => (JsonValue)JsonBool.Of(b)),
        Gen.Const((JsonValue)JsonNull.Instance));

    public static Gen<JsonValue> Value(int depth)
    {
        if (depth == 0) return Scalar;
        var child = Value(depth - 1);
        var obj = Gen.Select(Gen.OneOf(Keys), child).Array[0, 3]
            .Select(members => (JsonValue)new JsonObject(members
                .GroupBy(m => m.Item1).Select(g => new KeyValuePair<string, JsonValue>(g.Key, g.First().Item2)).ToList()));
        var array = child.Array[0, 3].Select(items => (JsonValue)new JsonArray(items));
        return Gen.OneOf(Scalar, obj, array, obj);
    }
}
