namespace OrleansGan.Training.Imaging;
// Placeholder until the data branch lands.
public static class Png
{
    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> rgb) => IO.AtomicFile.WriteAllBytes(path, rgb);
}
