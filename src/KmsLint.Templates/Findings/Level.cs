namespace KmsLint.Templates.Findings;

/// <summary>How serious a finding is; ordered so that <c>level &gt;= failLevel</c> decides the exit code.</summary>
public enum Level
{
    Note = 1,
    Warning = 2,
    Error = 3,
}
