namespace OrleansGan.Leaderboards;

/// <summary>Which leaderboard: the runs trained on one data set (<see cref="Sweeps.DataSetIdentity"/>), ranked by one metric.</summary>
[GenerateSerializer, Immutable, Alias("LeaderboardId")]
public sealed record LeaderboardId([property: Id(0)] string DataSet, [property: Id(1)] string Metric)
{
    /// <summary>The leaderboard grain's key: "METRIC|DATASET" (a metric name never holds '|').</summary>
    public string Key => $"{Metric}|{DataSet}";

    public static LeaderboardId FromKey(string key)
    {
        var bar = key.IndexOf('|');
        if (bar <= 0) throw new ArgumentException($"leaderboard key '{key}': expected METRIC|DATASET", nameof(key));
        return new LeaderboardId(key[(bar + 1)..], key[..bar]);
    }
}
