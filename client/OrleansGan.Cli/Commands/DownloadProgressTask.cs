using OrleansGan.Training.Data;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

/// <summary>
/// Shows download progress on a Spectre progress task as it is reported; <see cref="Progress{T}"/> would
/// post reports to the thread pool, where they can arrive out of order or after the bar has closed.
/// </summary>
sealed class DownloadProgressTask(ProgressTask task) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        task.IsIndeterminate = value.BytesTotal is null;
        if (value.BytesTotal is { } total) task.MaxValue = total;
        task.Value = value.BytesDone;
    }
}
