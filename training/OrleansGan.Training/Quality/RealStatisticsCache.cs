using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using OrleansGan.Training.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// Statistics of a data set's real images, computed once per <see cref="RealStatisticsKey"/> and kept in a folder beside
/// the data set, for every metric that compares generated images with real ones (SWD's descriptors, the Inception
/// metrics' features or moments). A file is "OGSTATS1", the key, named tensors, and the SHA-256 of all that; one that does
/// not verify or holds another key is computed again and replaced, never trusted. Written atomically.
/// </summary>
public sealed class RealStatisticsCache(string directory)
{
    public const string FolderName = "real-statistics";

    static readonly byte[] Magic = "OGSTATS1"u8.ToArray();
    const int HashBytes = 32;

    // Runs on one worker that need the same statistics compute them once.
    static readonly ConcurrentDictionary<string, object> Computing = new();

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The cache for the data set whose binary files are in <paramref name="datasetDirectory"/>.</summary>
    public static RealStatisticsCache BesideDataset(string datasetDirectory) => new(Path.Combine(datasetDirectory, FolderName));

    public string PathOf(RealStatisticsKey key) => Path.Combine(Directory, key.FileName);

    /// <summary>
    /// The statistics stored for <paramref name="key"/> (on the CPU), or those <paramref name="compute"/> returns, which are
    /// then stored. A folder that cannot be written (a read-only data set) only costs the reuse.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> GetOrCompute(RealStatisticsKey key, Func<IReadOnlyDictionary<string, Tensor>> compute)
    {
        var path = PathOf(key);
        lock (Computing.GetOrAdd(path, _ => new object()))
        {
            if (TryRead(path, key) is { } stored) return stored;
            var computed = compute();
            try
            {
                AtomicFile.WriteAllBytes(path, Serialize(key, computed));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Read-only or full: score without a cache.
            }
            return computed;
        }
    }

    static byte[] Serialize(RealStatisticsKey key, IReadOnlyDictionary<string, Tensor> statistics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(key.Canonical);
            writer.Write(statistics.Count);
            foreach (var (name, tensor) in statistics.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                using var host = tensor.cpu();
                host.Save(writer);
            }
        }
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return [.. body, .. SHA256.HashData(body)];
    }

    /// <returns>null when the file is missing, torn, corrupt or written for another key.</returns>
    static Dictionary<string, Tensor>? TryRead(string path, RealStatisticsKey key)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (bytes.Length < Magic.Length + HashBytes) return null;
        var body = bytes.AsSpan(0, bytes.Length - HashBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length))) return null;
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length), Encoding.UTF8);
        var statistics = new Dictionary<string, Tensor>();
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != key.Canonical) return null;
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                statistics[name] = TensorExtensionMethods.Load(reader);
            }
            return statistics;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            foreach (var t in statistics.Values) t.Dispose();
            return null;
        }
    }
}
