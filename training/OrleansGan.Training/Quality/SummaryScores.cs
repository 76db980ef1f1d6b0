namespace OrleansGan.Training.Quality;

/// <summary>What scoring one summary gave: the objective's value by metric name, its parts, and the time it took.</summary>
public sealed record SummaryScores(IReadOnlyDictionary<string, double> Scores, IReadOnlyDictionary<string, double> Details, double Seconds);
