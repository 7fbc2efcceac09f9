using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Yaml;

/// <summary>A problem the front end found, with its place.</summary>
public sealed record ParseProblem(string Message, SourceSpan Location);

/// <summary>
/// The front end's result for one file: the root node, or the reason it could not be read
/// (<see cref="ParseError"/>), plus duplicate keys and malformed intrinsic calls found along the way.
/// </summary>
public sealed class ParsedFile
{
    internal ParsedFile(string path, TemplateNode? root, ParseProblem? parseError, IReadOnlyList<ParseProblem> malformed, bool looksLikeTemplate,
        IReadOnlyCollection<string> mentionedResourceTypes)
    {
        Path = path;
        Root = root;
        ParseError = parseError;
        Malformed = malformed;
        LooksLikeTemplate = looksLikeTemplate;
        MentionedResourceTypes = mentionedResourceTypes;
    }

    public string Path { get; }

    /// <summary>The first document's root, or null for an empty file or a parse error.</summary>
    public TemplateNode? Root { get; }

    /// <summary>Why the file did not parse (syntax, encoding or a safety limit), or null.</summary>
    public ParseProblem? ParseError { get; }

    /// <summary>Duplicate keys, intrinsic functions with a wrong shape and unknown tags (KMS901); the file is still linted.</summary>
    public IReadOnlyList<ParseProblem> Malformed { get; }

    /// <summary>
    /// True when a file that failed to parse was meant as a template: a top-level <c>AWSTemplateFormatVersion</c> or
    /// <c>Resources</c> key line is visible, or it is a <c>.template</c>.
    /// </summary>
    public bool LooksLikeTemplate { get; }

    /// <summary>For a template that failed to parse: the resource types its text names (<c>AWS::CloudTrail::Trail</c>), so what it might declare; else empty.</summary>
    public IReadOnlyCollection<string> MentionedResourceTypes { get; }
}
