using OrleansGan.Training.Data;

namespace OrleansGan.Training.Tests.Data;

public sealed class CifarBinaryReaderTests : IDisposable
{
    readonly TempDirectory dir = new();

    public CifarBinaryReaderTests() => SyntheticCifar.Write(dir.Path, images: 23, seed: 7);

    string File(string name) => dir[name];

    [Fact]
    public void Reads_every_record_of_a_set()
    {
        var train = CifarBinaryReader.ReadTrain(dir.Path);
        var test = CifarBinaryReader.ReadTest(dir.Path);

        Assert.Equal(23, train.Count);
        Assert.Equal(23 * CifarFormat.ImageBytes, train.Images.Length);
        Assert.Equal(10, test.Count);
        Assert.All(train.Labels.Concat(test.Labels), label => Assert.InRange(label, 0, 9));
    }

    [Fact]
    public void Images_and_labels_are_the_file_records_in_order()
    {
        var first = System.IO.File.ReadAllBytes(File("data_batch_1.bin"));
        var second = System.IO.File.ReadAllBytes(File("data_batch_2.bin"));
        var firstRecords = first.Length / CifarFormat.RecordBytes;

        var train = CifarBinaryReader.ReadTrain(dir.Path);

        Assert.Equal(first[0], train.Labels[0]);
        Assert.Equal(first[1..CifarFormat.RecordBytes], train.Image(0).ToArray());
        Assert.Equal(second[0], train.Labels[firstRecords]);
        Assert.Equal(second[1..CifarFormat.RecordBytes], train.Image(firstRecords).ToArray());
    }

    [Fact]
    public void A_truncated_file_is_named()
    {
        var path = File("data_batch_3.bin");
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(stream.Length - 1);

        var e = Assert.Throws<CifarDataException>(() => CifarBinaryReader.ReadTrain(dir.Path));

        Assert.Equal(path, e.Path);
        Assert.Equal($"{path}: truncated or wrong size: {5 * CifarFormat.RecordBytes - 1} bytes is not a multiple of 3073-byte records", e.Message);
    }

    [Fact]
    public void A_label_out_of_range_is_corrupt()
    {
        var path = File("data_batch_2.bin");
        var bytes = System.IO.File.ReadAllBytes(path);
        bytes[2 * CifarFormat.RecordBytes] = 200;
        System.IO.File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<CifarDataException>(() => CifarBinaryReader.ReadTrain(dir.Path));

        Assert.Equal($"{path}: corrupt: record 2 has label 200", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = File("test_batch.bin");
        System.IO.File.Delete(path);

        var e = Assert.Throws<CifarDataException>(() => CifarBinaryReader.ReadTest(dir.Path));

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var path = File("data_batch_5.bin");
        System.IO.File.WriteAllBytes(path, []);

        var e = Assert.Throws<CifarDataException>(() => CifarBinaryReader.Validate(dir.Path));

        Assert.Equal($"{path}: empty file", e.Message);
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        var missing = dir["nowhere"];

        var e = Assert.Throws<CifarDataException>(() => CifarBinaryReader.ReadTrain(missing));

        Assert.Equal($"{missing}: directory not found", e.Message);
    }

    public void Dispose() => dir.Dispose();
}
