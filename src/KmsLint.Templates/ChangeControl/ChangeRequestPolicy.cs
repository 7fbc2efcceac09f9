using System.Text.RegularExpressions;

namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// What makes a change request valid, and the ones <c>.kmslint.yaml</c> names (<c>change_requests.pattern</c>,
/// <c>changes:</c>).
/// </summary>
public sealed class ChangeRequestPolicy
{
    /// <summary>The analyzer's default too (<c>kmslint.change_request_pattern</c>): one pattern for both products.</summary>
    public const string DefaultPattern = "^[A-Z][A-Z0-9]{1,9}-[0-9]+$";

    /// <summary>A pathological pattern must not hang the run: a match that takes longer counts as a mismatch.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex regex;

    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public ChangeRequestPolicy(string pattern, IReadOnlyList<DeclaredChangeRequest> declared)
    {
        regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        Pattern = pattern;
        Declared = declared;
    }

    public static ChangeRequestPolicy Default { get; } = new(DefaultPattern, Array.Empty<DeclaredChangeRequest>());

    public string Pattern { get; }

    /// <summary>The <c>changes:</c> entries of <c>.kmslint.yaml</c>, each for one key by logical id.</summary>
    public IReadOnlyList<DeclaredChangeRequest> Declared { get; }

    /// <summary>Why <paramref name="changeRequest"/> is not valid, or null when it is.</summary>
    public string? ProblemWith(DeclaredChangeRequest changeRequest)
    {
        if (string.IsNullOrWhiteSpace(changeRequest.Value))
        {
            return "is empty";
        }

        try
        {
            return regex.IsMatch(changeRequest.Value) ? null : $"'{changeRequest.Value}' does not match the pattern '{Pattern}'";
        }
        catch (RegexMatchTimeoutException)
        {
            return $"'{changeRequest.Value}' could not be matched against the pattern '{Pattern}' in time";
        }
    }
}
