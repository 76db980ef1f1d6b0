namespace OrleansGan.Cli;

/// <summary>The user asked for something that cannot be: exit code 2, one line.</summary>
public sealed class UsageException(string message) : Exception(message);
