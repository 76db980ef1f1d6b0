namespace OrleansGan.Training.Data;

/// <summary>The layout of the "CIFAR-10 binary version": records of 1 label byte and 3072 pixel bytes.</summary>
public static class CifarFormat
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int ImageBytes = Channels * Side * Side;
    public const int RecordBytes = 1 + ImageBytes;
    public const int Classes = 10;

    /// <summary>The folder the official archive unpacks to.</summary>
    public const string BatchesFolder = "cifar-10-batches-bin";

    /// <summary>
    /// Where <c>data prepare --synthetic</c> puts a generated set: apart from <see cref="BatchesFolder"/>,
    /// so that a synthetic set is never taken for the downloaded one.
    /// </summary>
    public const string SyntheticFolder = "cifar-10-synthetic-bin";

    public static IReadOnlyList<string> TrainFiles { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestFile = "test_batch.bin";
}
