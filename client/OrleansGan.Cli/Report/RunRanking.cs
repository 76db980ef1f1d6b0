using OrleansGan.Runs;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Cli.Report;

/// <summary>
/// Orders runs by their best objective score (lower is better); runs without one follow in the order given.
/// A run's best checkpoint is its best-scored one; without scores, its latest (<see cref="RunSnapshot.BestCheckpointBy"/>).
/// </summary>
internal static class RunRanking
{
    /// <summary>The metric the runs are ranked by: their objective's (the most common one when runs of several experiments differ).</summary>
    public static string ObjectiveMetric(IReadOnlyList<RunSnapshot> runs) =>
        runs.GroupBy(r => r.Spec.Objective.Metric).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? QualityMetrics.Swd;

    public static double? Score(CheckpointRecord checkpoint, string metric) => CheckpointScores.ScoreOf(checkpoint, metric);

    public static IReadOnlyList<RankedRun> Rank(IReadOnlyList<RunSnapshot> runs, string metric)
    {
        var singleExperiment = runs.Select(r => r.Spec.ExperimentId).Distinct().Count() == 1;
        return runs
            .Select((run, order) =>
            {
                var best = run.BestCheckpointBy(metric);
                var last = run.Checkpoints.Where(c => Score(c, metric) is not null).MaxBy(c => c.Step);
                return (Run: run, Order: order, Best: best, BestScore: run.BestScoreBy(metric), Last: last is null ? null : Score(last, metric));
            })
            .OrderBy(j => j.BestScore is null).ThenBy(j => j.BestScore).ThenBy(j => j.Order)
            .Select((j, i) => new RankedRun(i + 1, j.Run, Label(j.Run, singleExperiment), j.Best, j.BestScore, j.Last))
            .ToList();
    }

    /// <summary>"r003" for "lr-sweep-20261127-120000-r003" when every run is of one experiment; else the whole id.</summary>
    static string Label(RunSnapshot run, bool singleExperiment) =>
        singleExperiment && run.RunId.StartsWith(run.Spec.ExperimentId + "-", StringComparison.Ordinal)
            ? run.RunId[(run.Spec.ExperimentId.Length + 1)..]
            : run.RunId;
}
