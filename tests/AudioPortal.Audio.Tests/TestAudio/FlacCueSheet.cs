using System.Buffers.Binary;

namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>Adds a FLAC CUESHEET metadata block (as <c>metaflac --import-cuesheet-from</c> does) to a FLAC file, for chapter tests.</summary>
public static class FlacCueSheet
{
    /// <summary>Inserts a non-CD CUESHEET after STREAMINFO: a track at each sample offset (one INDEX 01), and the lead-out at <paramref name="totalSamples"/>.</summary>
    public static void Insert(string path, long totalSamples, params long[] trackStarts)
    {
        var flac = File.ReadAllBytes(path);
        const int streamInfoEnd = 4 + 4 + 34; // "fLaC", the block header, STREAMINFO
        var body = new List<byte>();
        body.AddRange(new byte[128 + 8 + 1 + 258]); // catalog, lead-in, not a CD, reserved
        body.Add((byte)(trackStarts.Length + 1));
        for (var i = 0; i < trackStarts.Length; i++)
        {
            body.AddRange(Track(trackStarts[i], (byte)(i + 1), indexPoints: 1));
            body.AddRange(new byte[12]); // INDEX 01 at the track's offset: offset 0, number 1, reserved
            body[^4] = 1;
        }

        body.AddRange(Track(totalSamples, 255, indexPoints: 0)); // the lead-out
        byte[] header = [5, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count];
        File.WriteAllBytes(path, [.. flac[..streamInfoEnd], .. header, .. body, .. flac[streamInfoEnd..]]);
    }

    private static byte[] Track(long offset, byte number, byte indexPoints)
    {
        var track = new byte[36];
        BinaryPrimitives.WriteInt64BigEndian(track, offset);
        track[8] = number;
        track[35] = indexPoints; // ISRC, flags and reserved bytes stay zero
        return track;
    }
}
