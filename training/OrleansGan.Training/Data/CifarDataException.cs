namespace OrleansGan.Training.Data;

/// <summary>A CIFAR-10 file, directory or download that cannot be used; the message is "&lt;path&gt;: &lt;reason&gt;".</summary>
public sealed class CifarDataException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner)
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
