namespace AudioPortal.Audio.Writing.Flac;

/// <summary>The two checksums of a FLAC frame: CRC-8 (poly 0x07) of the header, CRC-16 (poly 0x8005) of the frame.</summary>
internal static class FlacCrc
{
    private static readonly byte[] Crc8Table = BuildCrc8();
    private static readonly ushort[] Crc16Tables = BuildCrc16();

    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (var b in data)
        {
            crc = Crc8Table[crc ^ b];
        }

        return crc;
    }

    /// <summary>CRC-16 of a whole frame, four bytes per step (slicing-by-4: one table per byte position).</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        var tables = Crc16Tables;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            // The 16-bit CRC folds into the first two of the four bytes.
            var b0 = data[i] ^ (crc >> 8);
            var b1 = data[i + 1] ^ (crc & 0xFF);
            crc = (uint)(tables[3 * 256 + b0] ^ tables[2 * 256 + b1] ^ tables[256 + data[i + 2]] ^ tables[data[i + 3]]);
        }

        for (; i < data.Length; i++)
        {
            crc = ((crc << 8) ^ tables[(crc >> 8) ^ data[i]]) & 0xFFFF;
        }

        return (ushort)crc;
    }

    private static byte[] BuildCrc8()
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x07 : crc << 1;
            }

            table[i] = (byte)crc;
        }

        return table;
    }

    // Table j (at j * 256) holds the CRC of a byte followed by j zero bytes.
    private static ushort[] BuildCrc16()
    {
        var tables = new ushort[4 * 256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            }

            tables[i] = (ushort)crc;
        }

        for (var j = 1; j < 4; j++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[(j - 1) * 256 + i];
                tables[j * 256 + i] = (ushort)((previous << 8) ^ tables[previous >> 8]);
            }
        }

        return tables;
    }
}
