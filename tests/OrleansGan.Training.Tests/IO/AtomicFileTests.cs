using OrleansGan.Training.IO;

namespace OrleansGan.Training.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    readonly TempDirectory dir = new();

    [Fact]
    public void Creates_the_parent_directory_and_replaces_an_existing_file()
    {
        var path = dir["runs/a/config.yaml"];

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllBytes(path, "second"u8);

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["config.yaml"], Directory.GetFiles(dir["runs/a"]).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_content_and_no_temporary_file()
    {
        var path = dir["metrics.json"];
        AtomicFile.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["metrics.json"], dir.Entries());
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var path = dir["note.txt"];

        AtomicFile.WriteAllText(path, "é");

        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(path));
    }

    public void Dispose() => dir.Dispose();
}
