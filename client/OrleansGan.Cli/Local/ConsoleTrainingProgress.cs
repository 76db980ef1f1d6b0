using System.Globalization;
using OrleansGan.Training.Trainer;
using OrleansGan.Cli.Output;
using Spectre.Console;

namespace OrleansGan.Cli.Local;

/// <summary>
/// Shows one local run: a live progress bar on a terminal, else the seed's log line per step
/// (">epoch, step/steps, d1=..., d2=... g=...").
/// </summary>
internal sealed class ConsoleTrainingProgress(ProgressTask? bar) : ITrainingObserver
{
    public void OnStarted(long startStep, long totalSteps)
    {
        if (bar is null) return;
        bar.MaxValue = totalSteps;
        bar.Value = startStep;
    }

    public void OnSteps(IReadOnlyList<StepMetrics> steps)
    {
        if (bar is null)
        {
            foreach (var s in steps) Console.WriteLine(LogLine(s));
            return;
        }
        var last = steps[^1];
        bar.Value = last.Step;
        bar.Description = Markup.Escape($"{LogLine(last)}  {last.ImagesPerSecond:F0} img/s");
    }

    public void OnSummary(SummaryReport summary)
    {
        var scores = string.Concat(summary.Scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:G4}, ")));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"epoch {summary.Epoch} step {summary.Step}: {scores}accuracy real {summary.AccuracyReal:P0}, fake {summary.AccuracyFake:P0}; grid {summary.GridPath}; checkpoint {summary.CheckpointPath}");
        if (bar is null) Console.WriteLine(text);
        else AnsiConsole.Write(new LineAboveLiveView(text));
    }

    /// <summary>
    /// A line about the run itself (e.g. that it stops): on stderr, or above the live bar, which a line written past
    /// Spectre (to stderr) would tear into fragments.
    /// </summary>
    public void Notice(string text)
    {
        if (bar is null) Console.Error.WriteLine(text);
        else AnsiConsole.Write(new LineAboveLiveView(text));
    }

    public static string LogLine(StepMetrics s) => string.Create(CultureInfo.InvariantCulture,
        $">{s.Epoch}, {s.StepInEpoch}/{s.StepsPerEpoch}, d1={s.D1:F3}, d2={s.D2:F3} g={s.G:F3}");
}
