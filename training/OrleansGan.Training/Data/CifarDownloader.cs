using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using OrleansGan.Training.IO;

namespace OrleansGan.Training.Data;

/// <summary>
/// Fetches the CIFAR-10 binary archive and unpacks it to dir/cifar-10-batches-bin, so that dir holds either
/// no data set or a complete, validated one. The archive is received into dir/cifar-10-binary.tar.gz.part;
/// an interrupted download keeps that part and the next call resumes it with a Range request. A complete
/// part is checked against its MD5, unpacked into a temporary sibling, validated and only then renamed into
/// place. The archive is deleted afterwards: the unpacked set is validated on every call, so the archive
/// would only be read again to replace a damaged set, and that is rare enough to download anew.
/// </summary>
public sealed class CifarDownloader(HttpClient http, TimeSpan? stallTimeout = null)
{
    public const string OfficialUrl = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public const string OfficialMd5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public const string ArchiveName = "cifar-10-binary.tar.gz";
    public const string PartName = ArchiveName + ".part";

    const int BufferBytes = 1 << 16;

    readonly TimeSpan stall = stallTimeout ?? TimeSpan.FromMinutes(1);

    /// <returns>The full path of the cifar-10-batches-bin directory.</returns>
    /// <exception cref="CifarDataException">The download failed or was cut, the MD5 differs, or the archive holds no valid set.</exception>
    public async Task<string> PrepareAsync(
        string dir, Uri url, string expectedMd5, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        if (expectedMd5.Length != 32 || !expectedMd5.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{expectedMd5}' is not an MD5 digest of 32 hexadecimal digits", nameof(expectedMd5));
        var root = Path.GetFullPath(dir);
        var batches = Path.Combine(root, CifarFormat.BatchesFolder);
        if (IsValidSet(batches)) return batches;
        Directory.CreateDirectory(root);
        var part = Path.Combine(root, PartName);
        await DownloadAsync(url, part, progress, ct);
        await VerifyMd5Async(part, expectedMd5, ct);
        try
        {
            await UnpackAsync(part, batches, ct);
        }
        catch (CifarDataException e)
        {
            // The archive matched its MD5 yet holds no usable set: downloading it again cannot help.
            File.Delete(part);
            throw new CifarDataException(e.Path, $"{e.Reason}; the archive is deleted", e);
        }
        File.Delete(part);
        return batches;
    }

    static bool IsValidSet(string batches)
    {
        if (!Directory.Exists(batches)) return false;
        try
        {
            CifarBinaryReader.Validate(batches);
            return true;
        }
        catch (CifarDataException)
        {
            return false;
        }
    }

    async Task DownloadAsync(Uri url, string part, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var from = File.Exists(part) ? new FileInfo(part).Length : 0;
        var response = await SendAsync(url, from, part, ct);
        try
        {
            if (from > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable
                         && response.Content.Headers.ContentRange?.Length == from)
                return; // an earlier call received every byte and stopped before unpacking
            if (from > 0 && !ResumesAt(response, from))
            {
                // A 200 carries the whole archive, which overwrites the part; any other answer is asked again from zero.
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    response.Dispose();
                    response = await SendAsync(url, 0, part, ct);
                }
                from = 0;
            }
            if (!response.IsSuccessStatusCode)
                throw new CifarDataException(part,
                    $"download from {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            await ReceiveAsync(response, part, from, from + response.Content.Headers.ContentLength, url, progress, ct);
        }
        finally
        {
            response.Dispose();
        }
    }

    async Task<HttpResponseMessage> SendAsync(Uri url, long from, string part, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CifarDataException(part, $"download from {url} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new CifarDataException(part, $"download from {url} failed: no answer within {http.Timeout.TotalSeconds:0.#} s", e);
        }
    }

    static bool ResumesAt(HttpResponseMessage response, long from) =>
        response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == from;

    async Task ReceiveAsync(HttpResponseMessage response, string part, long from, long? total, Uri url,
        IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var done = from;
        try
        {
            await using var file = new FileStream(part, from > 0 ? FileMode.Append : FileMode.Create,
                FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var buffer = new byte[BufferBytes];
            progress?.Report(new(done, total));
            while (true)
            {
                watchdog.CancelAfter(stall);
                var read = await body.ReadAsync(buffer, watchdog.Token);
                if (read == 0) break;
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                done += read;
                progress?.Report(new(done, total));
            }
            file.Flush(flushToDisk: true);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Interrupted(part, url, done, total, $"no data for {stall.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Interrupted(part, url, done, total, e.Message, e);
        }
    }

    static CifarDataException Interrupted(string part, Uri url, long done, long? total, string why, Exception inner) =>
        new(part, $"download from {url} stopped after {done:N0}{(total is { } t ? $" of {t:N0}" : "")} bytes ({why}); "
                  + "the part received is kept and the next run resumes it", inner);

    static async Task VerifyMd5Async(string archive, string expectedMd5, CancellationToken ct)
    {
        string actual;
        await using (var stream = File.OpenRead(archive))
            actual = Convert.ToHexStringLower(await MD5.HashDataAsync(stream, ct));
        if (string.Equals(actual, expectedMd5, StringComparison.OrdinalIgnoreCase)) return;
        File.Delete(archive);
        throw new CifarDataException(archive,
            $"MD5 mismatch: expected {expectedMd5.ToLowerInvariant()}, got {actual}; the file is deleted and the next run downloads it afresh");
    }

    static async Task UnpackAsync(string archive, string batches, CancellationToken ct)
    {
        var staging = TemporarySibling.Of(batches, "unpack");
        try
        {
            await ExtractTarGzAsync(archive, staging, ct);
            var unpacked = Path.Combine(staging, CifarFormat.BatchesFolder);
            if (!Directory.Exists(unpacked))
                throw new CifarDataException(archive, $"the archive has no {CifarFormat.BatchesFolder} folder");
            try
            {
                CifarBinaryReader.Validate(unpacked);
            }
            catch (CifarDataException e)
            {
                throw new CifarDataException(archive, $"the archive holds no valid data set: {Path.GetFileName(e.Path)}: {e.Reason}", e);
            }
            AtomicDirectory.MoveIntoPlace(unpacked, batches);
        }
        finally
        {
            AtomicDirectory.DeleteIfExists(staging);
        }
    }

    static async Task ExtractTarGzAsync(string archive, string destination, CancellationToken ct)
    {
        var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination)) + Path.DirectorySeparatorChar;
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: ct) is { } entry)
        {
            var path = Path.GetFullPath(Path.Combine(inside, entry.Name));
            if (!path.StartsWith(inside, StringComparison.Ordinal))
                throw new CifarDataException(archive, $"entry '{entry.Name}' would be written outside the folder it is unpacked into");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
                    {
                        if (entry.DataStream is { } data) await data.CopyToAsync(output, ct);
                        output.Flush(flushToDisk: true);
                    }
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    break;
                default:
                    throw new CifarDataException(archive, $"entry '{entry.Name}' is a {entry.EntryType}, which a data set does not need");
            }
        }
    }
}
