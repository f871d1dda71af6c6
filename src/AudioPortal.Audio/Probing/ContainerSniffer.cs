namespace AudioPortal.Audio.Probing;

/// <summary>
/// Tells the container from the first bytes of a file (never its name). MP3 and ADTS may sit behind an ID3v2
/// tag. An MPEG sync word counts only with a fully valid layer III header (no reserved values, no free format),
/// which random bytes rarely make; the probe then checks that real frames follow.
/// </summary>
internal static class ContainerSniffer
{
    /// <summary>How many bytes <see cref="Sniff(ReadOnlySpan{byte}, long)"/> wants to see after any ID3v2 tag.</summary>
    public const int HeadLength = 8192;

    public static async Task<AudioResult<AudioContainer>> SniffAsync(Stream stream, CancellationToken ct)
    {
        var head = new byte[HeadLength];
        var read = await stream.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, ct);
        if (read >= 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3')
        {
            // Look past the tag: it can be megabytes of cover art. Its size field is 28 bits, so at most 256 MiB.
            var tagEnd = Id3v2Reader.TotalSize(head) ?? 0;
            if (tagEnd == 0 || tagEnd >= stream.Length)
            {
                return ProbeErrors.Corrupt("an ID3 tag with no audio after it");
            }

            stream.Position = tagEnd;
            read = await stream.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, ct);
            return SniffAfterId3(head.AsSpan(0, read));
        }

        return Sniff(head.AsSpan(0, read));
    }

    /// <summary>Classifies a file's first bytes (no ID3v2 tag in front).</summary>
    public static AudioResult<AudioContainer> Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return ProbeErrors.Corrupt("the file is empty");
        }

        if (StartsWith(head, "RIFF"u8) || StartsWith(head, "RF64"u8))
        {
            return head.Length >= 12 && head[8..12].SequenceEqual("WAVE"u8)
                ? AudioContainer.Wav
                : head.Length < 12 ? ProbeErrors.Corrupt("the RIFF header is cut short") : ProbeErrors.Unsupported("a RIFF file that is not WAVE");
        }

        if (StartsWith(head, "fLaC"u8))
        {
            return AudioContainer.Flac;
        }

        if (StartsWith(head, "OggS"u8))
        {
            return SniffOgg(head);
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return AudioContainer.M4a;
        }

        return SniffMpeg(head) ?? ProbeErrors.Unsupported("the content is not recognised");
    }

    private static AudioResult<AudioContainer> SniffAfterId3(ReadOnlySpan<byte> head)
    {
        // Some taggers pad with zeros after the tag; skip a little of it.
        var start = 0;
        while (start < head.Length && start < 4096 && head[start] == 0)
        {
            start++;
        }

        head = head[start..];
        if (StartsWith(head, "fLaC"u8))
        {
            return AudioContainer.Flac;
        }

        return SniffMpeg(head) ?? ProbeErrors.Corrupt("an ID3 tag followed by data that is not MPEG audio");
    }

    private static AudioResult<AudioContainer>? SniffMpeg(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        if ((head[1] & 0xF6) == 0xF0)
        {
            // ADTS: 12-bit sync, layer 00. The frame length is 13 bits across bytes 3–5.
            if (head.Length < 7)
            {
                return ProbeErrors.Corrupt("an AAC header cut short");
            }

            var length = ((head[3] & 0x03) << 11) | (head[4] << 3) | (head[5] >> 5);
            return length >= 7 && (length + 2 > head.Length || (head[length] == 0xFF && (head[length + 1] & 0xF6) == 0xF0))
                ? AudioContainer.Aac
                : null;
        }

        if (!MpegFrameHeader.TryParse(head, out var first))
        {
            return null;
        }

        if (first.Layer != 3)
        {
            return ProbeErrors.Unsupported($"MPEG audio layer {first.Layer} (only layer III, MP3, is supported)");
        }

        // A valid layer III header at the very start is MP3 even if what follows is not: the probe then finds it corrupt.
        return AudioContainer.Mp3;
    }

    private static AudioResult<AudioContainer> SniffOgg(ReadOnlySpan<byte> head)
    {
        // The first page holds exactly the codec's identification packet.
        if (head.Length < 27)
        {
            return ProbeErrors.Corrupt("the first Ogg page is cut short");
        }

        var segments = head[26];
        var packetStart = 27 + segments;
        if (head.Length < packetStart + 8)
        {
            return ProbeErrors.Corrupt("the first Ogg page is cut short");
        }

        var packet = head[packetStart..];
        if (packet[0] == 1 && packet[1..7].SequenceEqual("vorbis"u8))
        {
            return AudioContainer.Ogg;
        }

        if (packet[..8].SequenceEqual("OpusHead"u8))
        {
            return AudioContainer.Ogg;
        }

        if (packet[0] == 0x7F && packet.Length >= 5 && packet[1..5].SequenceEqual("FLAC"u8))
        {
            return ProbeErrors.Unsupported("FLAC in an Ogg container (use a .flac file)");
        }

        return ProbeErrors.Unsupported("an Ogg stream that is neither Vorbis nor Opus");
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) =>
        head.Length >= magic.Length && head[..magic.Length].SequenceEqual(magic);
}
