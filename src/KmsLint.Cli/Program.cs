using System.Text;
using KmsLint.Cli;

if (args.Length > 0 && args[0] == "lint")
    EngineWarmUp.Start();

// Buffered, BOM-less UTF-8 on both streams: many findings print fast, and pipes get plain UTF-8.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
var context = new CliContext(stdout, stderr, Environment.CurrentDirectory)
{
    StdoutIsTerminal = !Console.IsOutputRedirected,
    StderrIsTerminal = !Console.IsErrorRedirected,
};
return Cli.Run(args, context);
