using System.Diagnostics;
using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// One pass over a silo: submit a large sweep, let it train a while, read its summary, cancel it, and time each step
/// against the goals, with the longest grain call and turn seen meanwhile.
/// </summary>
static class ControlPlaneScenario
{
    public static async Task<StorageReport> RunAsync(string storage, BenchSilo bench, BenchSettings settings, Action<string> say)
    {
        var catalog = bench.Client.GetGrain<IExperimentCatalogGrain>(0);
        say("warm-up: a 4-run sweep to the end");
        await UntilFinished(bench, await catalog.Submit(Sweeps.Random("warmup", 4, 2)), TimeSpan.FromMinutes(2));
        bench.Calls.Reset();
        bench.Log.Reset();
        var (startsBefore, endsBefore) = (bench.Trainer.Starts.Count, bench.Trainer.Ends.Count);
        var pauseBefore = GC.GetTotalPauseDuration();

        say($"submit: {settings.Runs} variants, max_concurrent {settings.MaxConcurrent}");
        var submitted = Stopwatch.GetTimestamp();
        var id = await catalog.Submit(Sweeps.Random("scale", settings.Runs, settings.MaxConcurrent));
        var submitMs = Ms(submitted);
        while (bench.Trainer.Starts.Count == startsBefore) await Task.Delay(1);
        var firstStepMs = Ms(submitted, bench.Trainer.Starts.Skip(startsBefore).First());

        say($"training for {settings.Train.TotalSeconds:F0} s");
        await Task.Delay(settings.Train);
        var experiment = bench.Client.GetGrain<IExperimentGrain>(id);
        var latencies = NextStartLatencies(bench.Trainer, startsBefore, endsBefore, settings.MaxConcurrent);

        say("show: the summary and the 100 best runs, 5 times");
        var showMs = new List<double>();
        ExperimentSnapshot snapshot = null!;
        for (var i = 0; i < 5; i++)
        {
            var asked = Stopwatch.GetTimestamp();
            snapshot = await experiment.GetSnapshot();
            await experiment.GetTopRuns(ExperimentRuns.TopKept);
            showMs.Add(Ms(asked));
        }
        var cli = settings.Clis.Count > 0 ? await CliTimes.MeasureAsync(settings.Clis, settings.CliRounds, bench.Options, id) : null;

        say("cancel");
        var cancelled = Stopwatch.GetTimestamp();
        await experiment.Cancel();
        var cancelReturnMs = Ms(cancelled);
        snapshot = await UntilFinished(bench, id, TimeSpan.FromMinutes(5));
        while ((await catalog.List()).First(e => e.ExperimentId == id).Status != ExperimentStatus.Cancelled) await Task.Delay(10);
        var cancelDoneMs = Ms(cancelled);
        var runs = await Task.WhenAll(Enumerable.Range(0, snapshot.Started).Select(i => bench.Client.GetGrain<IRunGrain>(RunIds.For(id, i)).GetSnapshot()));

        return new StorageReport(
            storage, settings.Runs, settings.MaxConcurrent,
            SubmitMs: Round(submitMs),
            FirstStepMs: Round(firstStepMs),
            ShowMs: Round(showMs.Max()),
            CancelReturnMs: Round(cancelReturnMs),
            CancelDoneMs: Round(cancelDoneMs),
            NextStartMs: Percentiles.Of(latencies),
            RunsTrained: snapshot.Counts.Completed,
            Counts: snapshot.Counts,
            ExperimentStatus: snapshot.Entry.Status.ToString(),
            StartedRunsNotFinished: runs.Count(r => !r.Status.IsFinished()),
            RunGrainsMade: snapshot.Started,
            TrainerErrors: bench.Trainer.Failures,
            LongestCalls: bench.Calls.Report().Take(8).ToList(),
            CallsOverLimit: bench.Calls.Report().Sum(m => m.OverLimit),
            OrleansLongTurns: bench.Log.LongTurns,
            OrleansLongestTurnMs: Round(bench.Log.LongestTurnMs),
            GcPauseMs: Round((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds),
            PeakWorkingSetMb: Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20),
            Warnings: bench.Log.Counts,
            Cli: cli);
    }

    /// <summary>
    /// From a run's end to the start of the run that takes its place: with every slot and every concurrency place
    /// taken, the k-th start after the first max_concurrent follows the k-th end.
    /// </summary>
    static List<double> NextStartLatencies(SyntheticTrainer trainer, int startsBefore, int endsBefore, int maxConcurrent)
    {
        var starts = trainer.Starts.Skip(startsBefore).Order().ToList();
        var ends = trainer.Ends.Skip(endsBefore).Order().ToList();
        return Enumerable.Range(0, Math.Min(ends.Count, starts.Count - maxConcurrent))
            .Select(k => Ms(ends[k], starts[k + maxConcurrent]))
            .ToList();
    }

    static async Task<ExperimentSnapshot> UntilFinished(BenchSilo bench, string id, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var snapshot = await bench.Client.GetGrain<IExperimentGrain>(id).GetSnapshot();
            if (snapshot.IsFinished) return snapshot;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} not finished after {limit}: {snapshot.Counts}");
            await Task.Delay(10);
        }
    }

    static double Ms(long from) => Stopwatch.GetElapsedTime(from).TotalMilliseconds;
    static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
    static double Round(double ms) => Math.Round(ms, 1);
}
