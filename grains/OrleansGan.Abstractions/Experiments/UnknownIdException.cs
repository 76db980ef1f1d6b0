namespace OrleansGan.Experiments;

/// <summary>No experiment or run goes by that id.</summary>
[GenerateSerializer, Alias("UnknownIdException")]
public sealed class UnknownIdException(string message) : Exception(message);
