namespace OrleansGan.Sweeps;

/// <summary>A sweep that breaks a rule of the sweep file format; the message is one line, "sweep 'name': key: reason".</summary>
[GenerateSerializer, Alias("InvalidSweepException")]
public sealed class InvalidSweepException(string message) : Exception(message);
