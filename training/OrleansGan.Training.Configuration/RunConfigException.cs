namespace OrleansGan.Training.Configuration;

public sealed class RunConfigException(string key, string reason)
    : Exception($"{key}: {reason}")
{
    public string Key { get; } = key;
    public string Reason { get; } = reason;
}
