using System.Threading.Channels;
using OrleansGan.Experiments;

namespace OrleansGan.Cli.Cluster;

/// <summary>
/// Snapshots of one experiment pushed by its grain to this client (an Orleans grain observer). The subscription is
/// renewed well before it lapses, and each renewal also fetches a snapshot, in case a push was lost. A reader that
/// falls behind skips to the newest snapshot.
/// </summary>
internal sealed class ExperimentFeed : IExperimentObserver, IAsyncDisposable
{
    static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    readonly IClusterClient _client;
    readonly IExperimentGrain _grain;
    readonly Channel<ExperimentSnapshot> _pushed = Channel.CreateBounded<ExperimentSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    readonly CancellationTokenSource _stop = new();
    IExperimentObserver? _reference;
    Task _renewing = Task.CompletedTask;

    ExperimentFeed(IClusterClient client, string experimentId)
    {
        _client = client;
        _grain = client.GetGrain<IExperimentGrain>(experimentId);
    }

    public ExperimentSnapshot Latest { get; private set; } = null!;

    public static async Task<ExperimentFeed> OpenAsync(IClusterClient client, string experimentId)
    {
        var feed = new ExperimentFeed(client, experimentId);
        // Read first: an unknown experiment fails here, before anything is registered.
        feed.Latest = await feed._grain.GetSnapshot();
        feed._reference = client.CreateObjectReference<IExperimentObserver>(feed);
        await feed._grain.Subscribe(feed._reference);
        feed.Latest = await feed._grain.GetSnapshot();
        feed._renewing = feed.RenewAsync();
        return feed;
    }

    void IExperimentObserver.Changed(ExperimentSnapshot snapshot) => _pushed.Writer.TryWrite(snapshot);

    /// <summary>The next pushed snapshot, or the latest one when none comes within <paramref name="wait"/>.</summary>
    public async Task<ExperimentSnapshot> NextAsync(TimeSpan wait, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(wait);
        try
        {
            var pushed = await _pushed.Reader.ReadAsync(timeout.Token);
            // Pushes may overtake each other; a finished experiment stays finished.
            if (!Latest.IsFinished) Latest = pushed;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
        }
        return Latest;
    }

    async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await _grain.Subscribe(_reference!);
                    _pushed.Writer.TryWrite(await _grain.GetSnapshot());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; until then the pushes keep coming or the view waits.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        if (_reference is null) return;
        try
        {
            await _grain.Unsubscribe(_reference);
        }
        catch (Exception)
        {
            // The subscription lapses by itself.
        }
        _client.DeleteObjectReference<IExperimentObserver>(_reference);
    }
}
