namespace KmsLint.Templates.Graph;

/// <summary>One kind of edge of the repository graph (trail → log group, alarm → topic, ...), kept both ways, each once.</summary>
public sealed class Edges<TFrom, TTo>
    where TFrom : class
    where TTo : class
{
    private static readonly IReadOnlyList<TTo> NoTargets = Array.Empty<TTo>();
    private static readonly IReadOnlyList<TFrom> NoSources = Array.Empty<TFrom>();

    private readonly Dictionary<TFrom, List<TTo>> forward = new();
    private readonly Dictionary<TTo, List<TFrom>> backward = new();

    internal void Add(TFrom from, TTo to)
    {
        if (Append(forward, from, to))
        {
            Append(backward, to, from);
        }
    }

    internal void Add(TFrom from, IEnumerable<TTo> targets)
    {
        foreach (var to in targets)
        {
            Add(from, to);
        }
    }

    /// <summary>Where the edges from <paramref name="from"/> lead, in the order they were found.</summary>
    public IReadOnlyList<TTo> From(TFrom from) => forward.TryGetValue(from, out var list) ? list : NoTargets;

    /// <summary>Where the edges into <paramref name="to"/> come from.</summary>
    public IReadOnlyList<TFrom> To(TTo to) => backward.TryGetValue(to, out var list) ? list : NoSources;

    private static bool Append<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : class
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<TValue>();
        }

        if (list.Contains(value))
        {
            return false;
        }

        list.Add(value);
        return true;
    }
}
