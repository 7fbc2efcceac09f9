namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// The version a change is compared with (<c>kmslint lint --base REF</c>): its templates, how its files map to the
/// linted ones, and the change requests named outside the templates. The engine reads no git: the CLI gives it this.
/// </summary>
/// <param name="Name">How findings name the base, e.g. <c>main</c>.</param>
/// <param name="Sources">The base's files that differ from the linted ones, each named by its path at the base.</param>
public sealed record Baseline(string Name, IReadOnlyList<TemplateSource> Sources)
{
    /// <summary>Path at the base → linted path, for files renamed since (paths as the sources name them).</summary>
    public IReadOnlyDictionary<string, string> Renames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Linted paths whose bytes are the same at the base (at the same path, or at the path a rename came from): their
    /// parsed models serve both versions, so an unchanged file is parsed once.
    /// </summary>
    public IReadOnlyCollection<string> Unchanged { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Whether commits lie between the base and HEAD, so that a Change-Request trailer can name a change request; false
    /// when comparing with HEAD itself (the pre-commit hook), where the commit being made has no message yet.
    /// </summary>
    public bool TrailersApply { get; init; } = true;

    /// <summary>Change requests that cover every key change of the comparison (commit trailers between the base and HEAD).</summary>
    public IReadOnlyList<DeclaredChangeRequest> ChangeRequests { get; init; } = Array.Empty<DeclaredChangeRequest>();
}
