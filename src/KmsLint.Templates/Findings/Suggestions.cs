namespace KmsLint.Templates.Findings;

/// <summary>"Did you mean ...": the candidate a misspelt word most likely stands for.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="word"/> by edit distance (a swap of two neighbours counts once), if
    /// within a third of the word's length (at least 1, at most 3); case differences count as half.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var limit = Math.Min(3, Math.Max(1, word.Length / 3));
        string? best = null;
        var bestDistance = double.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, word, StringComparison.Ordinal) || Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var distance = string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase) ? 0.5 : Distance(word, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
