using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace KmsLint.Cli.ChangeControl;

/// <summary>What one git command printed and returned.</summary>
internal sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    public string Text => Encoding.UTF8.GetString(Output);

    /// <summary>git's first line on stderr, for a one-line message.</summary>
    public string FirstErrorLine => Error.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? $"exit code {ExitCode}";
}

/// <summary>
/// Runs the <c>git</c> command in a child process: no native library, so the tool stays NativeAOT-friendly and reads
/// the repository exactly as the user's git does (worktrees, alternates, partial commits' temporary index). Nothing
/// is written: optional locks are off, so not even a refreshed index is saved.
/// </summary>
internal static class Git
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static GitResult Run(string directory, params string[] arguments) => Run(directory, null, arguments);

    /// <summary>Runs git in <paramref name="directory"/>, writing <paramref name="input"/> to its standard input.</summary>
    public static GitResult Run(string directory, byte[]? input, IReadOnlyList<string> arguments)
    {
        using var process = Start(directory, arguments);
        var error = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        // Read while writing: a command that prints as it reads (cat-file, hash-object) would otherwise fill the pipe and wait forever.
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            if (input is not null)
                process.StandardInput.BaseStream.Write(input, 0, input.Length);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // git exited before reading everything; its exit code and stderr say why.
        }
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new UsageException($"git {arguments[0]} did not finish within {Timeout.TotalMinutes:0} minutes");
        }
        copy.Wait();
        return new GitResult(process.ExitCode, output.ToArray(), error.Result);
    }

    /// <summary>Starts git with its three streams redirected; a missing git is a usage error, as --base cannot work without it.</summary>
    public static Process Start(string directory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            return Process.Start(start) ?? throw new UsageException("--base needs git, and it could not be started");
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"--base needs git on PATH ({e.Message})");
        }
    }
}
