using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Presets;

namespace AudioPortal.Audio.Tests.Presets;

public sealed class SplitPresetsTests
{
    [Fact]
    public void Every_shipped_preset_is_usable_with_positive_caps_under_its_service_limit()
    {
        Assert.All(SplitPresets.Shipped, preset =>
        {
            Assert.Empty(preset.Problems());
            Assert.True(preset.MaxFileSize is > 0 || preset.MaxSegmentDuration is > 0, preset.Name);
            if (preset.MaxFileSize is { } cap)
            {
                Assert.InRange(preset.EffectiveMaxFileSize!.Value, 65536, cap - 1);
            }

            Assert.False(string.IsNullOrWhiteSpace(preset.Source), preset.Name);
        });
    }

    [Fact]
    public void Shipped_names_are_unique_and_include_the_services_the_issue_names()
    {
        var names = SplitPresets.Shipped.Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            "openai-whisper", "openai-gpt-4o-transcribe", "groq-whisper", "google-stt-sync", "gemini-inline", "aws-transcribe-sync",
            "assemblyai", "podcast-chapters",
        });
    }

    [Fact]
    public void The_margin_is_a_fraction_below_one_and_bytes_from_one_up()
    {
        var preset = SplitPresets.Find(SplitPresets.Shipped, "OpenAI-Whisper")!;

        Assert.Equal(24_500_000, preset.EffectiveMaxFileSize);
        Assert.Equal(24_000_000, (preset with { SafetyMargin = 1_000_000 }).EffectiveMaxFileSize);
    }

    [Fact]
    public void Configuration_overrides_a_shipped_preset_key_by_key_and_adds_new_ones()
    {
        var list = SplitPresets.Configure(new Dictionary<string, PresetSettings>
        {
            ["openai-whisper"] = new() { MaxFileSize = 10_000_000 },
            ["Archive"] = new() { Description = "Archive copies", Format = "FLAC", MaxSegmentDuration = 3600, CutAt = "silence" },
        });

        Assert.Empty(list.Problems);
        Assert.Equal(SplitPresets.Shipped.Count + 1, list.Presets.Count);
        var whisper = SplitPresets.Find(list.Presets, "openai-whisper")!;
        Assert.Equal((10_000_000L, OutputFormat.Mp3, 16000), (whisper.MaxFileSize!.Value, whisper.Format, whisper.SampleRate!.Value));
        var archive = SplitPresets.Find(list.Presets, "archive")!;
        Assert.Equal(("archive", OutputFormat.Flac, CutAt.Silence), (archive.Name, archive.Format, archive.CutAt));
    }

    [Theory]
    [InlineData(null, "mp3", 100_000L, null, "Description is required.")]
    [InlineData("x", null, 100_000L, null, "Format is required (mp3, wav, flac, ogg or aac).")]
    [InlineData("x", "opus", 100_000L, null, "Format 'opus' is not one of mp3, wav, flac, ogg, aac.")]
    [InlineData("x", "mp3", null, null, "give MaxFileSize or MaxSegmentDuration (or both).")]
    [InlineData("x", "mp3", 100_000L, 200_000.0, "SafetyMargin must be a fraction below 1 or bytes below MaxFileSize.")]
    public void A_bad_configured_preset_is_reported_by_name_and_left_out(string? description, string? format, long? max, double? margin, string problem)
    {
        var list = SplitPresets.Configure(new Dictionary<string, PresetSettings>
        {
            ["mine"] = new() { Description = description, Format = format, MaxFileSize = max, SafetyMargin = margin },
        });

        Assert.Equal([$"mine: {problem}"], list.Problems);
        Assert.Null(SplitPresets.Find(list.Presets, "mine"));
    }
}
