namespace OrleansGan.Grains.Experiments;

/// <summary>
/// Runs an action of a reentrant grain one at a time: calls made while it runs share the one run that follows, so
/// any change made before a call is covered by the run that call awaits (e.g. a state write), and a burst of calls
/// costs two runs, not one each.
/// </summary>
public sealed class Coalesced(Func<Task> action)
{
    TaskCompletionSource? _next;
    bool _running;

    /// <summary>Whether the last run threw: a caller with nothing new may still need a run.</summary>
    public bool LastFailed { get; private set; }

    public Task RunAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var awaited = _next.Task;
        if (!_running) _ = Loop();
        return awaited;
    }

    async Task Loop()
    {
        _running = true;
        try
        {
            while (_next is { } callers)
            {
                _next = null;
                try
                {
                    await action();
                    LastFailed = false;
                    callers.SetResult();
                }
                catch (Exception e)
                {
                    LastFailed = true;
                    callers.SetException(e);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }
}
