namespace OrleansGan.Scheduling;

/// <summary>One run's scores as the median stopping rule has seen them, in epoch order, each with the decision it got.</summary>
[GenerateSerializer]
public sealed record MedianRun
{
    [Id(0)] public required string Run { get; init; }

    [Id(1)] public List<MedianScore> Scores { get; init; } = [];

    /// <summary>Trained to its end; only completed runs set the median.</summary>
    [Id(2)] public bool Completed { get; set; }

    /// <summary>The mean of the scores reported at or before <paramref name="epoch"/>, or null when there are none.</summary>
    public double? RunningAverage(int epoch)
    {
        var upTo = Scores.Where(s => s.Epoch <= epoch).Select(s => s.Score).ToList();
        return upTo.Count == 0 ? null : upTo.Average();
    }
}

[GenerateSerializer, Immutable]
public sealed record MedianScore(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double Score,
    [property: Id(2)] StoppingDecision Decision);
