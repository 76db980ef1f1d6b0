namespace OrleansGan.Bench.Step;

/// <summary>A timed step produced NaN or infinity: its time would not be the time of a working step.</summary>
public sealed class NonFiniteLossException(string message) : Exception(message);
