using System.Text;
using KmsLint.Cli;

if (args.Length > 0 && args[0] == "lint")
    EngineWarmUp.Start();

// Buffered, BOM-less UTF-8 on both streams: many findings print fast, and pipes get plain UTF-8.
// Not disposed: a failed final flush is reported below, and disposing would only try (and throw) again.
var stdout = new StreamWriter(new StandardOutputStream(TryOpen(Console.OpenStandardOutput)), new UTF8Encoding(false));
// With standard error closed (2>&-) there is nowhere to say anything; the exit code still tells.
var stderr = new StreamWriter(TryOpen(Console.OpenStandardError) ?? Stream.Null, new UTF8Encoding(false)) { AutoFlush = true };
var context = new CliContext(stdout, stderr, Environment.CurrentDirectory)
{
    StdoutIsTerminal = !Console.IsOutputRedirected,
    StderrIsTerminal = !Console.IsErrorRedirected,
    OpenStandardInput = Console.OpenStandardInput,
};
var exitCode = Cli.Run(args, context);
try
{
    stdout.Flush();
    return exitCode;
}
catch (OutputFailedException error)
{
    // The last of the report could not be written (a full disk): say so, never end in an unhandled exception.
    return Cli.ReportOutputFailure(error, context);
}

// A standard stream the process was started without (>&-) cannot be opened: null.
static Stream? TryOpen(Func<Stream> open)
{
    try
    {
        return open();
    }
    catch (Exception error) when (error is IOException or UnauthorizedAccessException)
    {
        return null;
    }
}
