namespace KmsLint.Templates.Findings;

/// <summary>A place in a file; lines and columns are 1-based, the end is inclusive of its line and exclusive of its column.</summary>
public sealed record SourceSpan(string File, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The start of a file: where findings about a whole file (or a missing resource) go.</summary>
    public static SourceSpan StartOf(string file) => new(file, 1, 1, 1, 1);
}
