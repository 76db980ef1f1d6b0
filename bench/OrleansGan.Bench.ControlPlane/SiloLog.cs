using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// What the silo logs at Warning and above, counted by category and event; and Orleans' own long-turn warnings
/// ("took elapsed time ... for execution", over SchedulingOptions.TurnWarningLengthThreshold), with the longest turn.
/// </summary>
sealed partial class SiloLog : ILoggerProvider
{
    readonly ConcurrentDictionary<string, int> _counts = new();
    long _longTurns, _longestTurnTicks;

    public int LongTurns => (int)Interlocked.Read(ref _longTurns);
    public double LongestTurnMs => TimeSpan.FromTicks(Interlocked.Read(ref _longestTurnTicks)).TotalMilliseconds;
    public IReadOnlyDictionary<string, int> Counts => _counts.ToDictionary();

    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _longTurns, 0);
        Interlocked.Exchange(ref _longestTurnTicks, 0);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    void Record(string category, LogLevel level, EventId id, string message)
    {
        _counts.AddOrUpdate($"{level} {category}[{id.Id}]", 1, (_, n) => n + 1);
        if (TurnLength().Match(message) is not { Success: true } match) return;
        Interlocked.Increment(ref _longTurns);
        var ticks = TimeSpan.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _longestTurnTicks)) && Interlocked.CompareExchange(ref _longestTurnTicks, ticks, seen) != seen) { }
    }

    [GeneratedRegex(@"took elapsed time (\d+:\d{2}:\d{2}(?:\.\d+)?)")]
    private static partial Regex TurnLength();

    sealed class Logger(SiloLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Record(category, logLevel, eventId, formatter(state, exception));
        }
    }
}
