namespace OrleansGan.Training.Quality;

/// <summary>A metric's value (lower is better) and its parts by name, such as SWD's per-level distances (swd_32, swd_16).</summary>
public sealed record QualityScore(double Value, IReadOnlyDictionary<string, double> Details);
