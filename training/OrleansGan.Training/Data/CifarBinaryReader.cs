namespace OrleansGan.Training.Data;

/// <summary>
/// Reads the CIFAR-10 binary files. Every file is checked before any is read: it must exist and hold a
/// whole, positive number of records; the real set has 10,000 per file, generated ones may have fewer.
/// </summary>
public static class CifarBinaryReader
{
    const int RecordsPerChunk = 1024;

    public static CifarDataset ReadTrain(string dir) => Read(dir, CifarFormat.TrainFiles);

    public static CifarDataset ReadTest(string dir) => Read(dir, [CifarFormat.TestFile]);

    /// <summary>Reads every file of the set, train and test, and throws <see cref="CifarDataException"/> at the first fault.</summary>
    public static void Validate(string dir)
    {
        ReadTrain(dir);
        ReadTest(dir);
    }

    static CifarDataset Read(string dir, IReadOnlyList<string> names)
    {
        if (!Directory.Exists(dir)) throw new CifarDataException(dir, "directory not found");
        var files = names.Select(name => Path.Combine(dir, name)).Select(path => (Path: path, Records: CountRecords(path))).ToList();
        var total = files.Sum(f => (long)f.Records);
        if (total * CifarFormat.ImageBytes > Array.MaxLength)
            throw new CifarDataException(dir, $"{total} records are more than one array can hold");
        var images = new byte[total * CifarFormat.ImageBytes];
        var labels = new byte[total];
        var first = 0;
        foreach (var (path, records) in files)
        {
            ReadRecords(path, records,
                images.AsSpan(first * CifarFormat.ImageBytes, records * CifarFormat.ImageBytes),
                labels.AsSpan(first, records));
            first += records;
        }
        return new CifarDataset(images, labels);
    }

    static int CountRecords(string path)
    {
        if (!File.Exists(path)) throw new CifarDataException(path, "file not found");
        var length = new FileInfo(path).Length;
        if (length == 0) throw new CifarDataException(path, "empty file");
        if (length % CifarFormat.RecordBytes != 0)
            throw new CifarDataException(path,
                $"truncated or wrong size: {length} bytes is not a multiple of {CifarFormat.RecordBytes}-byte records");
        return checked((int)(length / CifarFormat.RecordBytes));
    }

    static void ReadRecords(string path, int records, Span<byte> images, Span<byte> labels)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var chunk = new byte[Math.Min(records, RecordsPerChunk) * CifarFormat.RecordBytes];
            for (var first = 0; first < records; first += RecordsPerChunk)
            {
                var count = Math.Min(RecordsPerChunk, records - first);
                var bytes = chunk.AsSpan(0, count * CifarFormat.RecordBytes);
                stream.ReadExactly(bytes);
                for (var i = 0; i < count; i++)
                {
                    var record = bytes.Slice(i * CifarFormat.RecordBytes, CifarFormat.RecordBytes);
                    var index = first + i;
                    if (record[0] >= CifarFormat.Classes)
                        throw new CifarDataException(path, $"corrupt: record {index} has label {record[0]}");
                    labels[index] = record[0];
                    record[1..].CopyTo(images.Slice(index * CifarFormat.ImageBytes, CifarFormat.ImageBytes));
                }
            }
        }
        catch (EndOfStreamException e)
        {
            throw new CifarDataException(path, "file shrank while it was read", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CifarDataException(path, $"cannot read: {e.Message}", e);
        }
    }
}
