namespace OrleansGan.Hosting.Workers;

/// <summary>A child trainer process failed or died; the message has its exit code and last error line.</summary>
public sealed class TrialProcessException(string message) : Exception(message);
