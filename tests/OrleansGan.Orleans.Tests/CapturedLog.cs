using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansGan.Orleans.Tests;

/// <summary>Every log entry of information level or above that a silo writes, kept for a test to read.</summary>
sealed class CapturedLog : ILoggerProvider
{
    readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetBaseException().Message}");
        }
    }
}
