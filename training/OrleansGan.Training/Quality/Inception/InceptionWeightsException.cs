namespace OrleansGan.Training.Quality.Inception;

/// <summary>The Inception weights are not configured or cannot be used; the message is one line for the user.</summary>
public sealed class InceptionWeightsException(string message) : Exception(message);
