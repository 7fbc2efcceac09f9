namespace KmsLint.Benchmarks.Structured;

/// <summary>A value of a generated template, independent of the form it is written in (YAML short form, YAML long form, JSON).</summary>
internal abstract record GeneratedValue;

/// <summary>A scalar: text (always written as a string) or bare (a number or boolean, written unquoted).</summary>
internal sealed record Scalar(string Text, bool IsBare = false) : GeneratedValue
{
    public static Scalar Bare(object value) => new(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant(), IsBare: true);
}

internal sealed record Sequence(IReadOnlyList<GeneratedValue> Items) : GeneratedValue
{
    public Sequence(params GeneratedValue[] items) : this((IReadOnlyList<GeneratedValue>)items)
    {
    }
}

/// <summary>A mapping in written order; a key may repeat (a duplicate key, as real templates sometimes have).</summary>
internal sealed record Mapping(IReadOnlyList<KeyValuePair<string, GeneratedValue>> Entries) : GeneratedValue
{
    public Mapping(params (string Key, GeneratedValue Value)[] entries)
        : this(entries.Select(entry => new KeyValuePair<string, GeneratedValue>(entry.Key, entry.Value)).ToList())
    {
    }
}

/// <summary>An intrinsic function call by its long name (<c>Ref</c>, <c>Fn::Join</c>, <c>Condition</c>).</summary>
internal sealed record Call(string Name, GeneratedValue Argument) : GeneratedValue;
