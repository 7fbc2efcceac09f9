using KmsLint.Templates.Model;

namespace KmsLint.Templates.Resolution;

/// <summary>One <c>Fn::If</c> decision: a condition of a template and the truth a value needs from it.</summary>
public sealed class Decision
{
    internal Decision(Template template, string condition, bool isTrue)
    {
        Template = template;
        Condition = condition;
        IsTrue = isTrue;
    }

    public Template Template { get; }

    public string Condition { get; }

    public bool IsTrue { get; }

    internal bool IsAbout(Decision other) =>
        ReferenceEquals(Template, other.Template) && string.Equals(Condition, other.Condition, StringComparison.Ordinal);

    public override string ToString() => $"condition {Condition} is {(IsTrue ? "true" : "false")}";
}

/// <summary>
/// The <c>Fn::If</c> decisions a value depends on, e.g. "condition IsProd is false". Values of one expression that
/// need a condition both true and false cannot occur together and are never combined.
/// </summary>
public sealed class Branch
{
    private readonly Decision[] decisions;

    private Branch(Decision[] decisions) => this.decisions = decisions;

    /// <summary>No condition decides the value.</summary>
    public static Branch Always { get; } = new(Array.Empty<Decision>());

    public bool IsAlways => decisions.Length == 0;

    public IReadOnlyList<Decision> Decisions => decisions;

    /// <summary>This branch narrowed by one more decision; null when it contradicts one already taken.</summary>
    public Branch? And(Decision decision)
    {
        foreach (var taken in decisions)
        {
            if (taken.IsAbout(decision))
            {
                return taken.IsTrue == decision.IsTrue ? this : null;
            }
        }

        var narrowed = new Decision[decisions.Length + 1];
        decisions.CopyTo(narrowed, 0);
        narrowed[decisions.Length] = decision;
        return new Branch(narrowed);
    }

    /// <summary>Both branches at once; null when they contradict each other.</summary>
    public Branch? And(Branch other)
    {
        Branch? combined = this;
        foreach (var decision in other.decisions)
        {
            combined = combined.And(decision);
            if (combined is null)
            {
                return null;
            }
        }

        return combined;
    }

    /// <summary>"condition IsProd is false and condition X is true"; empty for <see cref="Always"/>.</summary>
    public override string ToString() => string.Join(" and ", decisions.Select(decision => decision.ToString()));
}
