using System.Buffers.Binary;

namespace AudioPortal.Audio.Probing;

/// <summary>Where an MP3 file's parts are: tags around the audio, the Xing/Info frame, the first audio frame's header.</summary>
internal sealed record Mp3Layout(
    long AudioStart,
    long AudioEnd,
    Id3v2Tag? Id3,
    bool HasInfoFrame,
    MpegFrameHeader FirstFrame,
    long AudioFrames,
    long AudioBytes,
    int MaxFrameLength,
    bool ConstantBitRate);

/// <summary>
/// Probes MP3: ID3v2/ID3v1/APE tags, then every frame is walked (headers only; fast from the page cache), which
/// gives the exact length even for VBR files without a trustworthy Xing/VBRI header and catches truncation and
/// garbage. The Xing/Info/VBRI frame is not audio and is not counted.
/// </summary>
internal static class Mp3Probe
{
    public static async Task<AudioResult<(AudioInfo Info, Mp3Layout Layout)>> ProbeAsync(Stream stream, CancellationToken ct)
    {
        var id3 = await Id3v2Reader.ReadAsync(stream, ct);
        var (audioEnd, id3v1) = await FindAudioEndAsync(stream, ct);
        var audioStart = Math.Min(id3?.TotalSize ?? 0, audioEnd);

        var scanner = new Mp3FrameScanner(stream, audioStart, audioEnd) { JunkLimit = Math.Max(64 * 1024, (audioEnd - audioStart) / 100) };
        MpegFrameHeader? first = null;
        var hasInfo = false;
        long? headerFrames = null;
        long frames = 0, bytes = 0;
        var maxLength = 0;
        var bitRates = new HashSet<int>();
        while (await scanner.NextAsync(ct))
        {
            var frame = scanner.Frame;
            if (first is null)
            {
                first = frame;
                if (InfoFrame.TryRead(scanner.FrameBytes, frame, out var claimed))
                {
                    hasInfo = true;
                    headerFrames = claimed;
                    continue;
                }
            }

            frames++;
            bytes += frame.FrameLength;
            maxLength = Math.Max(maxLength, frame.FrameLength);
            bitRates.Add(frame.BitRate);
        }

        if (scanner.GaveUp || (frames > 0 && scanner.JunkBytes > Math.Max(4096, bytes / 100)))
        {
            return ProbeErrors.Corrupt("the MP3 stream contains data that is not audio");
        }

        if (first is null || frames < 2)
        {
            return ProbeErrors.Corrupt("no MP3 audio frames were found");
        }

        if (scanner.TruncatedTail || headerFrames > frames + 1)
        {
            return ProbeErrors.Corrupt("the MP3 file is truncated");
        }

        var f = first.Value;
        var tags = new Dictionary<string, string>(id3?.Tags ?? new Dictionary<string, string>());
        foreach (var (key, value) in id3v1 ?? [])
        {
            tags.TryAdd(key, value);
        }

        var totalSamples = frames * f.SamplesPerFrame;
        var averageBitRate = (int)Math.Round(bytes * 8.0 * f.SampleRate / totalSamples);
        var info = new AudioInfo(AudioContainer.Mp3, "mp3", f.SampleRate, f.Channels, null,
            bitRates.Count == 1 ? f.BitRate : averageBitRate, totalSamples, tags) { Chapters = id3?.Chapters ?? [] };
        var layout = new Mp3Layout(audioStart, audioEnd, id3, hasInfo, f, frames, bytes, maxLength, bitRates.Count == 1);
        return (info, layout);
    }

    /// <summary>The end of the audio: before an ID3v1 tag and an APEv2 tag at the end of the file, if any.</summary>
    private static async Task<(long End, Dictionary<string, string>? Id3v1)> FindAudioEndAsync(Stream stream, CancellationToken ct)
    {
        var end = stream.Length;
        Dictionary<string, string>? id3v1 = null;
        var tail = new byte[128];
        if (end >= 128)
        {
            stream.Position = end - 128;
            await stream.ReadExactlyAsync(tail, ct);
            id3v1 = Id3v2Reader.ReadId3v1(tail);
            if (id3v1 is not null)
            {
                end -= 128;
            }
        }

        if (end >= 32)
        {
            stream.Position = end - 32;
            await stream.ReadExactlyAsync(tail.AsMemory(0, 32), ct);
            if (tail.AsSpan(0, 8).SequenceEqual("APETAGEX"u8))
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(12));
                var hasHeader = (tail[23] & 0x80) != 0;
                end = Math.Max(0, end - size - (hasHeader ? 32 : 0));
            }
        }

        return (end, id3v1);
    }
}
