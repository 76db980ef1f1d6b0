namespace OrleansGan.Hosting.Workers;

/// <summary>What a child trainer process trains: sent as one JSON line on its standard input.</summary>
public sealed record TrialRequest(
    IReadOnlyList<KeyValuePair<string, double>> Config,
    string DatasetDirectory,
    string Device,
    string RunDirectory,
    bool Resume,
    string? LibTorchDirectory);
