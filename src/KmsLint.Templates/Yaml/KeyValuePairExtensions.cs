namespace KmsLint.Templates.Yaml;

/// <summary>netstandard2.0 lacks <c>KeyValuePair.Deconstruct</c>; <c>foreach (var (key, value) in mapping.Entries)</c> needs it.</summary>
internal static class KeyValuePairExtensions
{
    internal static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }
}
