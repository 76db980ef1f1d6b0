namespace OrleansGan.Training.Data;

public sealed class CifarDataset(byte[] images, byte[] labels)
{
    public int Count => labels.Length;
    public byte[] Images => images;
    public byte[] Labels => labels;
}
