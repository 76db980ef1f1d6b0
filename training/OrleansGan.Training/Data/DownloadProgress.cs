namespace OrleansGan.Training.Data;

/// <summary>Bytes of the archive received so far, counting a resumed part; the total when the server says it.</summary>
public readonly record struct DownloadProgress(long BytesDone, long? BytesTotal);
