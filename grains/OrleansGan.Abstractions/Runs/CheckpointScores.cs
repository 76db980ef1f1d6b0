namespace OrleansGan.Runs;

/// <summary>How checkpoints compare by a quality metric: lower is better, and the earlier of two equal scores wins.</summary>
public static class CheckpointScores
{
    /// <summary>The run's best checkpoint by <paramref name="metric"/>, or null when none has a finite score for it.</summary>
    public static CheckpointRecord? Best(IEnumerable<CheckpointRecord> checkpoints, string metric) =>
        checkpoints.Where(c => ScoreOf(c, metric) is not null).OrderBy(c => ScoreOf(c, metric)).ThenBy(c => c.Step).FirstOrDefault();

    /// <summary>The checkpoint's finite score by <paramref name="metric"/>, or null.</summary>
    public static double? ScoreOf(CheckpointRecord? checkpoint, string metric) =>
        checkpoint is not null && checkpoint.Scores.TryGetValue(metric, out var score) && double.IsFinite(score) ? score : null;
}
