using System.Security.Cryptography;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Manifest;

/// <summary>
/// Builds manifests: from a plan (a preview: nothing written) or from the parts a split wrote. Writers may cut a part
/// again to fit a size limit, so written parts are matched to the plan by their end sample: a planned end keeps its
/// reason, an end the plan did not have is <see cref="CutReason.SizeResplit"/>. Offsets come back exactly from the
/// parts' seconds (each is a sample count over the rate).
/// </summary>
public static class SplitManifests
{
    public static SplitManifest FromPlan(string sourceName, AudioInfo source, SplitPlan plan)
    {
        var baseName = Path.GetFileNameWithoutExtension(sourceName);
        var parts = plan.Parts.Select(p => Part(source, baseName, p.Index, plan.Parts.Count, p.StartSample, p.EndSample,
            p.Index == 0 ? 0 : plan.Parts[p.Index - 1].EndSample - p.StartSample, p.CutReason, p.Title, null, null, null)).ToList();
        return new SplitManifest(sourceName, source.SampleRate, source.TotalSamples, plan.OverlapSamples, parts);
    }

    /// <summary>The manifest of written parts, with each file's size and SHA-256 (the files are read once more).</summary>
    public static async Task<SplitManifest> FromPartsAsync(
        string sourceName, AudioInfo source, SplitPlan plan, IReadOnlyList<SplitPart> written, CancellationToken ct)
    {
        var baseName = Path.GetFileNameWithoutExtension(sourceName);
        var reasons = plan.Parts.GroupBy(p => p.EndSample).ToDictionary(g => g.Key, g => g.First().CutReason);
        var parts = new List<ManifestPart>(written.Count);
        long previousEnd = 0;
        foreach (var part in written)
        {
            var start = (long)Math.Round(part.StartSeconds * source.SampleRate);
            var end = start + (long)Math.Round(part.DurationSeconds * source.SampleRate);
            var reason = reasons.TryGetValue(end, out var r) ? r : end >= source.TotalSamples ? CutReason.Nominal : CutReason.SizeResplit;
            await using var file = new FileStream(part.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            parts.Add(Part(source, baseName, part.Index, written.Count, start, end, Math.Max(0, previousEnd - start), reason,
                plan.TitleAt(start), Path.GetFileName(part.Path), part.Size, hash));
            previousEnd = end;
        }

        return new SplitManifest(sourceName, source.SampleRate, source.TotalSamples, plan.OverlapSamples, parts);
    }

    private static ManifestPart Part(
        AudioInfo source, string baseName, int index, int count, long start, long end, long overlap, CutReason reason,
        string? chapterTitle, string? fileName, long? bytes, string? sha256) =>
        new(index, start, end, source.SampleRate, overlap, reason, PartNaming.Tags(source.Tags, baseName, index + 1, count, chapterTitle)["title"], fileName, bytes, sha256);
}
