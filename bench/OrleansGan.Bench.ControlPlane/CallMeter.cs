using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// Times every call a grain of this silo answers, from the start of its first turn to its end (an incoming grain call
/// filter), awaits inside it included: an upper bound on each of its turns.
/// </summary>
sealed class CallMeter : IIncomingGrainCallFilter
{
    public static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(100);

    readonly ConcurrentDictionary<string, MethodTimes> _methods = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            var name = $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name}";
            _methods.GetOrAdd(name, _ => new MethodTimes()).Add(Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Forgets what was timed so far (the warm-up).</summary>
    public void Reset() => _methods.Clear();

    public IReadOnlyList<MethodReport> Report() =>
        _methods.Select(m => m.Value.Report(m.Key)).OrderByDescending(m => m.MaxMs).ToList();

    sealed class MethodTimes
    {
        long _calls, _overLimit, _maxTicks;

        public void Add(TimeSpan elapsed)
        {
            Interlocked.Increment(ref _calls);
            if (elapsed > Limit) Interlocked.Increment(ref _overLimit);
            long seen;
            while (elapsed.Ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, elapsed.Ticks, seen) != seen) { }
        }

        public MethodReport Report(string name) => new(name, _calls, _overLimit, Math.Round(TimeSpan.FromTicks(_maxTicks).TotalMilliseconds, 1));
    }
}

sealed record MethodReport(string Method, long Calls, long OverLimit, double MaxMs);
