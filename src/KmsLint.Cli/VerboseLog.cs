namespace KmsLint.Cli;

/// <summary>
/// What <c>--verbose</c> prints on stderr, one line each (<c>kmslint: lint stacks/a.yaml: template</c>): which config and
/// sets are used, and every file linted or skipped with the reason. <see cref="Off"/> writes nothing.
/// </summary>
internal sealed class VerboseLog
{
    private readonly TextWriter? stderr;

    public VerboseLog(TextWriter stderr) => this.stderr = stderr;

    private VerboseLog() => stderr = null;

    public static VerboseLog Off { get; } = new();

    public bool IsOn => stderr is not null;

    public void Write(string line) => stderr?.WriteLine("kmslint: " + line);
}
