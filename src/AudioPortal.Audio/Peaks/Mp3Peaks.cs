using AudioPortal.Audio.Probing;
using NLayer;

namespace AudioPortal.Audio.Peaks;

/// <summary>Peaks of an MP3 decoded with NLayer, a buffer at a time.</summary>
internal static class Mp3Peaks
{
    public static Task<AudioResult<float[]>> ComputeAsync(string path, AudioInfo source, int count, CancellationToken ct) =>
        Task.Run<AudioResult<float[]>>(() =>
        {
            using var input = AudioProbe.OpenRead(path);
            using var mpeg = new MpegFile(input);
            var channels = Math.Max(1, mpeg.Channels);
            var peaks = new PeakAccumulator(count, source.TotalSamples);
            var buffer = new float[4096 * channels];
            int read;
            while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i + channels <= read; i += channels)
                {
                    var max = 0f;
                    for (var ch = 0; ch < channels; ch++)
                    {
                        max = Math.Max(max, Math.Abs(buffer[i + ch]));
                    }

                    peaks.Add(max);
                }
            }

            return peaks.Result();
        }, ct);
}
