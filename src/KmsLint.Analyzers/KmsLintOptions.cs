using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KmsLint.Analyzers;

/// <summary>
/// The <c>kmslint.*</c> options in force for one file (.editorconfig / .globalconfig). Parsed once per
/// distinct option text and shared, so the regex is compiled once, not per call site.
/// </summary>
internal sealed class KmsLintOptions
{
    public const string GuardAttributesKey = "kmslint.guard_attributes";
    public const string ChangeRequestPatternKey = "kmslint.change_request_pattern";
    public const string MinPendingWindowDaysKey = "kmslint.min_pending_window_days";
    public const string AnalyzeGeneratedCodeKey = "kmslint.analyze_generated_code";

    public const string DefaultChangeRequestPattern = "^[A-Z][A-Z0-9]{1,9}-[0-9]+$";
    public const int DefaultMinPendingWindowDays = 30;

    /// <summary>AWS accepts pending windows of 7 to 30 days; a minimum outside that range cannot be met.</summary>
    public const int LowestAllowedMinimum = 7;
    public const int HighestAllowedMinimum = 30;

    public const string BuiltInGuardAttribute = "KmsLint.KeyLifecycleChangeAttribute";

    /// <summary>A pathological pattern must not hang the IDE: a match that takes longer counts as a mismatch.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly ConcurrentDictionary<OptionText, KmsLintOptions> Cache = new();

    private KmsLintOptions(OptionText text)
    {
        GuardAttributes = ParseGuardAttributes(text.GuardAttributes);
        ChangeRequestPattern = ParsePattern(text.ChangeRequestPattern);
        MinPendingWindowDays = ParseMinimum(text.MinPendingWindowDays);
        AnalyzeGeneratedCode = !string.Equals(text.AnalyzeGeneratedCode?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Full names of the attributes that guard a call: KeyLifecycleChange plus the configured team attributes.</summary>
    public ImmutableHashSet<string> GuardAttributes { get; }

    public Regex ChangeRequestPattern { get; }

    public int MinPendingWindowDays { get; }

    public bool AnalyzeGeneratedCode { get; }

    public static KmsLintOptions For(AnalyzerOptions options, SyntaxTree tree)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var text = new OptionText(
            Read(config, GuardAttributesKey),
            Read(config, ChangeRequestPatternKey),
            Read(config, MinPendingWindowDaysKey),
            Read(config, AnalyzeGeneratedCodeKey));
        return Cache.GetOrAdd(text, static t => new KmsLintOptions(t));
    }

    public bool IsGuardAttribute(INamedTypeSymbol attributeClass) =>
        GuardAttributes.Contains(attributeClass.ToDisplayString(FullNameFormat));

    public bool MatchesChangeRequestPattern(string changeRequest)
    {
        try
        {
            return ChangeRequestPattern.IsMatch(changeRequest);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static readonly SymbolDisplayFormat FullNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    private static string? Read(AnalyzerConfigOptions config, string key) =>
        config.TryGetValue(key, out var value) ? value : null;

    private static ImmutableHashSet<string> ParseGuardAttributes(string? text)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        names.Add(BuiltInGuardAttribute);
        foreach (var entry in (text ?? string.Empty).Split(','))
        {
            var name = entry.Trim();
            if (name.StartsWith("global::", StringComparison.Ordinal))
            {
                name = name.Substring("global::".Length);
            }

            if (name.Length == 0)
            {
                continue;
            }

            // Accept the name as written in code ("Acme.ApprovedChange") as well as the class name.
            names.Add(name);
            if (!name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                names.Add(name + "Attribute");
            }
        }

        return names.ToImmutable();
    }

    /// <summary>An invalid pattern falls back to the default rather than silently accepting every change request.</summary>
    private static Regex ParsePattern(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                return new Regex(text!.Trim(), RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException)
            {
            }
        }

        return new Regex(DefaultChangeRequestPattern, RegexOptions.CultureInvariant, RegexTimeout);
    }

    private static int ParseMinimum(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
        && days is >= LowestAllowedMinimum and <= HighestAllowedMinimum
            ? days
            : DefaultMinPendingWindowDays;

    private readonly record struct OptionText(
        string? GuardAttributes,
        string? ChangeRequestPattern,
        string? MinPendingWindowDays,
        string? AnalyzeGeneratedCode);
}
