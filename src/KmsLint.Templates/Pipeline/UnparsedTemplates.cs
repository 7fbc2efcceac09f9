using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Pipeline;

/// <summary>
/// The templates of a run that did not parse (KMS900) and the resource types their text names. What they declare is
/// unknown, so a rule that concludes something is absent from the linted templates must not say it is absent when
/// one of them may declare it: it says its result is incomplete and names the files.
/// </summary>
internal sealed class UnparsedTemplates
{
    /// <summary>Most files a message names; the rest are counted.</summary>
    private const int NamedFiles = 3;

    private readonly IReadOnlyList<ParsedFile> files;

    /// <param name="files">Files whose <see cref="ParsedFile.ParseError"/> was reported as KMS900.</param>
    internal UnparsedTemplates(IReadOnlyList<ParsedFile> files) => this.files = files;

    internal static UnparsedTemplates None { get; } = new(Array.Empty<ParsedFile>());

    /// <summary>
    /// <paramref name="message"/> at <paramref name="level"/> as they stand when no unparsed template names any of
    /// <paramref name="types"/>; otherwise the message prefixed with why the result is incomplete (<paramref name="what"/>:
    /// "a trail", for the reader), as a note: KmsLint cannot know whether the thing is absent.
    /// </summary>
    internal (string Message, Level Level) Qualify(string message, Level level, string what, params string[] types)
    {
        var paths = files.Where(file => types.Any(file.MentionedResourceTypes.Contains)).Select(file => file.Path).ToList();
        if (paths.Count == 0)
        {
            return (message, level);
        }

        var named = paths.Count <= NamedFiles
            ? string.Join(", ", paths.Take(paths.Count - 1)) + (paths.Count > 1 ? " and " : string.Empty) + paths[paths.Count - 1]
            : string.Join(", ", paths.Take(NamedFiles)) + $" and {paths.Count - NamedFiles} more";
        var verb = paths.Count == 1 ? "does not parse" : "do not parse";
        return ($"Result incomplete: {named} {verb} (KMS900) and may declare {what}; fix {(paths.Count == 1 ? "it" : "them")} and lint again. "
            + "In the templates that parse: " + message, Level.Note);
    }
}
