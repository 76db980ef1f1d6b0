using OrleansGan.Training.Data;

namespace OrleansGan.Training.Tests.Data;

public sealed class CifarDownloaderTests : IDisposable
{
    const int Images = 40;

    static readonly byte[] Archive = TestArchives.Synthetic(Images, seed: 3);

    readonly TempDirectory dir = new();
    readonly HttpClient http = new();
    readonly RecordingProgress progress = new();

    string Part => dir[CifarDownloader.PartName];
    string Batches => dir[CifarFormat.BatchesFolder];

    Task<string> PrepareAsync(Uri url, string md5, CifarDownloader? downloader = null) =>
        (downloader ?? new CifarDownloader(http)).PrepareAsync(dir.Path, url, md5, progress, CancellationToken.None);

    [Fact]
    public async Task Right_md5_gives_a_valid_set_and_no_archive()
    {
        await using var server = new LoopbackHttpServer(Archive);

        var result = await PrepareAsync(server.Url, TestArchives.Md5(Archive));

        Assert.Equal(Batches, result);
        Assert.Equal(Images, CifarBinaryReader.ReadTrain(result).Count);
        Assert.Equal([CifarFormat.BatchesFolder], dir.Entries());
        Assert.Equal(new DownloadProgress(Archive.Length, Archive.Length), progress.Reports[^1]);
    }

    [Fact]
    public async Task A_valid_set_already_there_is_not_downloaded_again()
    {
        await using var server = new LoopbackHttpServer(Archive);
        await PrepareAsync(server.Url, TestArchives.Md5(Archive));

        Assert.Equal(Batches, await PrepareAsync(server.Url, TestArchives.Md5(Archive)));
        Assert.Single(server.RangeHeaders);
    }

    [Fact]
    public async Task Wrong_md5_names_both_digests_and_leaves_nothing()
    {
        await using var server = new LoopbackHttpServer(Archive);
        var wrong = new string('0', 32);

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, wrong));

        Assert.Equal(Part, e.Path);
        Assert.Contains(CifarDownloader.ArchiveName, e.Message);
        Assert.Contains($"expected {wrong}, got {TestArchives.Md5(Archive)}", e.Message);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task A_cut_connection_keeps_only_the_part_and_a_retry_resumes_it()
    {
        await using var server = new LoopbackHttpServer(Archive) { Next = LoopbackHttpServer.Behaviour.CutHalfway };

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, TestArchives.Md5(Archive)));

        Assert.Contains("stopped after", e.Message);
        Assert.Contains($"of {Archive.Length:N0} bytes", e.Message);
        Assert.Contains("resumes", e.Message);
        Assert.Equal([CifarDownloader.PartName], dir.Entries());
        var received = new FileInfo(Part).Length;
        Assert.InRange(received, 1, Archive.Length - 1);

        server.Next = LoopbackHttpServer.Behaviour.Complete;
        progress.Reports.Clear();
        await PrepareAsync(server.Url, TestArchives.Md5(Archive));

        Assert.Equal(2, server.RangeHeaders.Length);
        Assert.Null(server.RangeHeaders[0]);
        Assert.Equal($"bytes={received}-", server.RangeHeaders[1]);
        Assert.Equal(received, progress.Reports[0].BytesDone);
        Assert.Equal(Images, CifarBinaryReader.ReadTrain(Batches).Count);
        Assert.Equal([CifarFormat.BatchesFolder], dir.Entries());
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_restarts_the_part_from_zero()
    {
        await using var server = new LoopbackHttpServer(Archive) { HonoursRange = false };
        File.WriteAllBytes(Part, new byte[1000]);

        await PrepareAsync(server.Url, TestArchives.Md5(Archive));

        Assert.Equal("bytes=1000-", Assert.Single(server.RangeHeaders));
        Assert.Equal(Images, CifarBinaryReader.ReadTrain(Batches).Count);
    }

    [Fact]
    public async Task A_complete_part_left_before_unpacking_is_not_downloaded_again()
    {
        await using var server = new LoopbackHttpServer(Archive);
        File.WriteAllBytes(Part, Archive);

        await PrepareAsync(server.Url, TestArchives.Md5(Archive));

        Assert.Equal($"bytes={Archive.Length}-", Assert.Single(server.RangeHeaders));
        Assert.Equal(Images, CifarBinaryReader.ReadTrain(Batches).Count);
        Assert.Equal([CifarFormat.BatchesFolder], dir.Entries());
    }

    [Fact]
    public async Task A_stalled_download_fails_after_the_stall_timeout_and_keeps_the_part()
    {
        await using var server = new LoopbackHttpServer(Archive) { Next = LoopbackHttpServer.Behaviour.StallHalfway };
        var downloader = new CifarDownloader(http, stallTimeout: TimeSpan.FromMilliseconds(300));

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, TestArchives.Md5(Archive), downloader));

        Assert.Contains("no data for 0.3 s", e.Message);
        Assert.Equal([CifarDownloader.PartName], dir.Entries());
    }

    [Fact]
    public async Task An_http_error_is_reported_with_its_status()
    {
        await using var server = new LoopbackHttpServer(Archive) { Next = LoopbackHttpServer.Behaviour.NotFound };

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, TestArchives.Md5(Archive)));

        Assert.Contains("HTTP 404 Not Found", e.Message);
        Assert.DoesNotContain(CifarFormat.BatchesFolder, dir.Entries());
    }

    [Fact]
    public async Task An_entry_that_escapes_the_unpack_folder_is_rejected()
    {
        var evil = TestArchives.WithEntry("../escaped.bin");
        await using var server = new LoopbackHttpServer(evil);

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, TestArchives.Md5(evil)));

        Assert.Contains("'../escaped.bin' would be written outside", e.Message);
        Assert.False(File.Exists(dir["escaped.bin"]));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task An_archive_without_the_batches_folder_is_rejected()
    {
        var other = TestArchives.WithEntry("something-else/readme.txt");
        await using var server = new LoopbackHttpServer(other);

        var e = await Assert.ThrowsAsync<CifarDataException>(() => PrepareAsync(server.Url, TestArchives.Md5(other)));

        Assert.Contains($"no {CifarFormat.BatchesFolder} folder", e.Message);
        Assert.Contains("the archive is deleted", e.Message);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task A_malformed_md5_is_an_argument_error()
    {
        await using var server = new LoopbackHttpServer(Archive);

        await Assert.ThrowsAsync<ArgumentException>(() => PrepareAsync(server.Url, "not-a-digest"));
        Assert.Empty(server.RangeHeaders);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }

    /// <summary>Records reports as they are made: <see cref="Progress{T}"/> would post them to the thread pool.</summary>
    sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];
        public void Report(DownloadProgress value) => Reports.Add(value);
    }
}
