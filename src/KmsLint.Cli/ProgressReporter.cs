using System.Diagnostics;

namespace KmsLint.Cli;

/// <summary>
/// Shows "linting N/M files" on stderr, only when stderr is a terminal and only once a run has taken more
/// than a second, so short runs and logs stay clean. Counts the files the engine opens.
/// </summary>
internal sealed class ProgressReporter(TextWriter stderr, bool enabled, int total)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastShown;
    private int opened;
    private bool shown;

    public void FileOpened()
    {
        opened++;
        if (!enabled || clock.Elapsed < Delay || clock.Elapsed - lastShown < Interval)
            return;
        lastShown = clock.Elapsed;
        shown = true;
        stderr.Write($"\rkmslint: linting {opened}/{total} files");
    }

    /// <summary>Erases the progress line, if one was shown, before the report is printed.</summary>
    public void Done()
    {
        if (shown)
            stderr.Write("\r\u001b[K");
    }
}
