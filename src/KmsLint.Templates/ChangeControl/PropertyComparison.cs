using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// One property (or resource attribute) of a key read in both versions, each through its own version's resolver, so
/// a value that comes from a parameter default, a condition or an import is compared as deployed, not as written.
/// </summary>
public sealed class PropertyComparison
{
    internal PropertyComparison(string name, IReadOnlyList<Reading> before, IReadOnlyList<Reading> after, bool writtenAlike)
    {
        Name = name;
        Before = before;
        After = after;
        WrittenAlike = writtenAlike;
    }

    public string Name { get; }

    /// <summary>Every value the base can deploy (the AWS default where unset).</summary>
    public IReadOnlyList<Reading> Before { get; }

    /// <summary>Every value the linted version can deploy (the AWS default where unset).</summary>
    public IReadOnlyList<Reading> After { get; }

    /// <summary>
    /// Written the same way in both versions. Then an unknown value is taken as unchanged: whatever decides it at deploy
    /// time decided it before too.
    /// </summary>
    public bool WrittenAlike { get; }

    /// <summary>
    /// Each value the linted version can deploy with the base's values on its branch, the pairs a rule compares. An
    /// after value with no base value to compare (the base's resolves to nothing: its branches contradict each other)
    /// is left out, so no rule claims a change against nothing.
    /// </summary>
    public IEnumerable<ComparedValue> Compared =>
        After.Select(after => new ComparedValue(after, BeforeOnBranchOf(after))).Where(pair => pair.Before.Count > 0);

    /// <summary>
    /// The base's values for the branch <paramref name="after"/> is on: those under the same conditions, else those that
    /// hold unconditionally, else all of them (the conditions differ, so every base value is a candidate).
    /// </summary>
    private IReadOnlyList<Reading> BeforeOnBranchOf(Reading after)
    {
        var branch = after.When.ToString();
        var same = Before.Where(reading => reading.When.ToString() == branch).ToList();
        if (same.Count > 0)
        {
            return same;
        }

        var always = Before.Where(reading => reading.When.IsAlways).ToList();
        return always.Count > 0 ? always : Before;
    }

    /// <summary>"true", "Retain" or "7 (parameter Days's Default)", for messages; "unknown" where it cannot be known.</summary>
    public static string Describe(IEnumerable<Reading> readings) =>
        string.Join(" or ", readings.Select(reading => (reading.Text ?? reading.Value.ToString()) + reading.WhenText).Distinct());
}

/// <summary>A value the linted version can deploy and the base's values on the same branch (never empty).</summary>
public sealed record ComparedValue(Reading After, IReadOnlyList<Reading> Before);
