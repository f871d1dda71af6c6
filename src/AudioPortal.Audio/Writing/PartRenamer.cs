using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Gives written parts the names of a <see cref="PartNameTemplate"/>. The writers name parts the default way; renaming
/// after they finish keeps them unaware of templates. Moves go through temporary names, so a template that swaps
/// names between parts cannot overwrite one with another.
/// </summary>
internal static class PartRenamer
{
    public static AudioResult<IReadOnlyList<SplitPart>> Apply(IReadOnlyList<SplitPart> parts, AudioInfo source, SplitPlan plan, SplitOptions split, string extension)
    {
        if (split.NameTemplate is not { } template || template == PartNameTemplate.Default)
        {
            return parts.ToList();
        }

        var title = source.Tags.TryGetValue("title", out var t) ? t : null;
        var names = parts.Select(p => PartNameTemplate.Render(
            template, split.BaseName, p.Index + 1, parts.Count, plan.TitleAt((long)Math.Round(p.StartSeconds * plan.SampleRate)) ?? title, p.StartSeconds, extension)).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The name template gives two parts the same name.");
        }

        var temporary = parts.Select(p =>
        {
            var temp = p.Path + ".rename";
            File.Move(p.Path, temp, overwrite: true);
            return temp;
        }).ToList();
        var renamed = parts.Select((p, i) =>
        {
            var path = Path.Combine(split.OutputDirectory, names[i]);
            File.Move(temporary[i], path, overwrite: true);
            return p with { Path = path };
        }).ToList();
        return renamed;
    }
}
