using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>The lower-case level words shared by the command line, the config file and every format.</summary>
internal static class LevelNames
{
    public static string Of(Level level) => level switch
    {
        Level.Error => "error",
        Level.Warning => "warning",
        Level.Note => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Parses error, warning or note; null for anything else.</summary>
    public static Level? Parse(string word) => word switch
    {
        "error" => Level.Error,
        "warning" => Level.Warning,
        "note" => Level.Note,
        _ => null,
    };
}
