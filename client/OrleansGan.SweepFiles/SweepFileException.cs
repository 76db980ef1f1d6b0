namespace OrleansGan.SweepFiles;

/// <summary>A sweep file that cannot be used, said in one line: "file:line: key.path: reason".</summary>
public sealed class SweepFileException(string file, int line, string keyPath, string reason)
    : Exception($"{file}:{line}: {keyPath}: {reason}".ReplaceLineEndings(" "))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string KeyPath { get; } = keyPath;
    public string Reason { get; } = reason;
}
