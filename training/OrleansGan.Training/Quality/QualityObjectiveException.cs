namespace OrleansGan.Training.Quality;

/// <summary>An objective that cannot be scored here, said in one line that names the setting to change.</summary>
public sealed class QualityObjectiveException(string message) : Exception(message);
