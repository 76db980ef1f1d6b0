using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using OrleansGan.Training.Data;

namespace OrleansGan.Training.Tests.Data;

/// <summary>Builds .tar.gz archives laid out like cifar-10-binary.tar.gz.</summary>
static class TestArchives
{
    /// <summary>A synthetic set inside a cifar-10-batches-bin/ folder.</summary>
    public static byte[] Synthetic(int images, int seed)
    {
        using var source = new TempDirectory();
        var batches = source[CifarFormat.BatchesFolder];
        SyntheticCifar.Write(batches, images, seed);
        return GZip(tar => TarFile.CreateFromDirectory(batches, tar, includeBaseDirectory: true));
    }

    /// <summary>One regular file named <paramref name="entryName"/>.</summary>
    public static byte[] WithEntry(string entryName) =>
        GZip(tar =>
        {
            using var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream([1, 2, 3]) });
        });

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    static byte[] GZip(Action<Stream> writeTar)
    {
        using var archive = new MemoryStream();
        using (var gzip = new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true))
            writeTar(gzip);
        return archive.ToArray();
    }
}
