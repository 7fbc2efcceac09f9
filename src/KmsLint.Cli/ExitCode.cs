namespace KmsLint.Cli;

/// <summary>The process exit codes; CI and hooks branch on them.</summary>
public static class ExitCode
{
    /// <summary>No unsuppressed finding at or above the fail level.</summary>
    public const int Success = 0;

    /// <summary>At least one unsuppressed finding at or above the fail level (or an internal-error finding).</summary>
    public const int Findings = 1;

    /// <summary>Bad arguments, a missing path, an invalid configuration, or a failure of the CLI itself.</summary>
    public const int UsageError = 2;
}
