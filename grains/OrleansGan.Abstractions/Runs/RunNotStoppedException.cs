namespace OrleansGan.Runs;

/// <summary>Only a run its experiment's scheduler stopped can be resumed by hand.</summary>
[GenerateSerializer, Alias("RunNotStoppedException")]
public sealed class RunNotStoppedException(string message) : Exception(message);
