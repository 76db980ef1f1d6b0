namespace OrleansGan.Training.Data;
// Placeholder until the data branch lands.
public static class CifarBinaryReader
{
    public static CifarDataset ReadTrain(string dir) => throw new CifarDataException(dir, "placeholder");
}
