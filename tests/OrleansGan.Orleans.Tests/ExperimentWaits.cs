using OrleansGan.Experiments;

namespace OrleansGan.Orleans.Tests;

static class ExperimentWaits
{
    public static async Task<ExperimentSnapshot> WaitUntilFinishedAsync(this IClusterClient client, string experimentId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var snapshot = await client.GetGrain<IExperimentGrain>(experimentId).GetSnapshot();
            if (snapshot.Entry.FinishedAt is not null) return snapshot;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{experimentId} still {snapshot.Entry.Status} after {limit}: " +
                    string.Join(", ", snapshot.Runs.Select(r => $"{r.RunId}={r.Status}")));
            await Task.Delay(200);
        }
    }
}
