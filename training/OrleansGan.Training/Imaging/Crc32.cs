namespace OrleansGan.Training.Imaging;

/// <summary>CRC-32 as PNG chunks carry it (polynomial 0xEDB88320, reflected, inverted).</summary>
static class Crc32
{
    static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>; start from 0.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
