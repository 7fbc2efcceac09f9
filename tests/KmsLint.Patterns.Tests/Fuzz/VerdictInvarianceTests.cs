using CsCheck;

namespace KmsLint.Patterns.Tests.Fuzz;

/// <summary>
/// Formatting never changes meaning: the CIS pattern with random whitespace (spaces, tabs, newlines, CRLF),
/// redundant parentheses, operands of && and || in either order, and values quoted or bare keeps its verdict.
/// </summary>
[Trait("Category", "Fuzz")]
public class VerdictInvarianceTests
{
    private static readonly string CisVerdict = Verdicts.Describe(CloudTrailCorpus.Evaluate(FilterPattern.Parse(SecurityHubPattern.AcceptedTexts[0])));

    [Fact]
    public void Random_whitespace_parentheses_order_and_quoting_keep_the_CIS_verdict()
    {
        Gen.Int[0, 1_000_000].Array[200].Sample(choices =>
        {
            var text = new CisPatternWriter(choices).Write();
            Assert.Equal(CisVerdict, Verdicts.Describe(CloudTrailCorpus.Evaluate(FilterPattern.Parse(text))));
        }, iter: FuzzSettings.Iterations, print: choices => new CisPatternWriter(choices).Write());
    }

    /// <summary>Writes <c>source = kms &amp;&amp; (name = DisableKey || name = ScheduleKeyDeletion)</c> as directed by the choices.</summary>
    private sealed class CisPatternWriter
    {
        private static readonly string[] Whitespace = { "", "", " ", "  ", "\t", "\n", "\r\n", " \n  " };
        private readonly int[] _choices;
        private readonly System.Text.StringBuilder _text = new();
        private int _next;

        public CisPatternWriter(int[] choices)
        {
            _choices = choices;
        }

        public string Write()
        {
            _text.Append('{');
            Space();
            var source = Condition("$.eventSource", "kms.amazonaws.com");
            var names = Pick(2) == 0
                ? Or(Condition("$.eventName", "DisableKey"), Condition("$.eventName", "ScheduleKeyDeletion"))
                : Or(Condition("$.eventName", "ScheduleKeyDeletion"), Condition("$.eventName", "DisableKey"));
            if (Pick(2) == 0) And(source, names);
            else And(names, source);
            Space();
            _text.Append('}');
            return _text.ToString();
        }

        private Action Condition(string selector, string value) => () => Wrapped(() =>
        {
            _text.Append(selector);
            Space();
            _text.Append('=');
            Space();
            _text.Append(Pick(2) == 0 ? value : "\"" + value + "\"");
        }, required: false);

        private Action Or(Action left, Action right) => () => Wrapped(() =>
        {
            left();
            Space();
            _text.Append("||");
            Space();
            right();
        }, required: true); // inside && an || needs its parentheses

        private void And(Action left, Action right)
        {
            left();
            Space();
            _text.Append("&&");
            Space();
            right();
        }

        /// <summary>Adds 0–2 redundant pairs of parentheses (at least one when precedence needs it).</summary>
        private void Wrapped(Action inner, bool required)
        {
            var pairs = Pick(3);
            if (required && pairs == 0) pairs = 1;
            for (var i = 0; i < pairs; i++)
            {
                _text.Append('(');
                Space();
            }

            inner();
            for (var i = 0; i < pairs; i++)
            {
                Space();
                _text.Append(')');
            }
        }

        private void Space() => _text.Append(Whitespace[Pick(Whitespace.Length)]);

        private int Pick(int count) => _choices[_next++ % _choices.Length] % count;
    }
}
