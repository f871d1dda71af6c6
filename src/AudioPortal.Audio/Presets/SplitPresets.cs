using AudioPortal.Audio.Planning;

namespace AudioPortal.Audio.Presets;

/// <summary>
/// The presets that ship with AudioPortal. Limits are read the smaller way (25 MB = 25 000 000 bytes) so a part fits
/// whichever unit the service meant; the margin then absorbs what the service adds or counts (multipart overhead,
/// base64 in a JSON body). Speech presets name 16 kHz mono: what the speech models work at internally, so more audio
/// fits a part without losing anything the model would use.
/// </summary>
public static class SplitPresets
{
    private const long MB = 1000 * 1000;

    public static IReadOnlyList<SplitPreset> Shipped { get; } =
    [
        // MP3 is accepted by every OpenAI audio endpoint and is ~4x smaller than WAV; 64 kb/s mono keeps speech intact.
        new()
        {
            Name = "openai-whisper", Description = "OpenAI whisper-1 transcription: MP3 parts under 25 MB",
            Format = OutputFormat.Mp3, Codec = "mp3", SampleRate = 16000, Channels = 1, BitRate = 64000,
            MaxFileSize = 25 * MB, SafetyMargin = 0.02, Source = "OpenAI: 25 MB per file",
        },
        // Same upload limit as whisper-1, plus the model's own length limit (requests over 1,400 s of audio are
        // refused); 5 s under it, as MP3 encoder padding and the service's rounding add milliseconds. Cuts in pauses
        // so no word is split between two requests.
        new()
        {
            Name = "openai-gpt-4o-transcribe", Description = "OpenAI gpt-4o-transcribe / gpt-4o-mini-transcribe: MP3 parts under 25 MB and 1,400 s",
            Format = OutputFormat.Mp3, Codec = "mp3", SampleRate = 16000, Channels = 1, BitRate = 64000,
            MaxFileSize = 25 * MB, MaxSegmentDuration = 1395, SafetyMargin = 0.02, CutAt = CutAt.Silence,
            Source = "OpenAI: 25 MB per file; gpt-4o-transcribe models: 1,400 s of audio per request",
        },
        // Groq recommends 16 kHz mono FLAC: lossless, and still far under the free tier's 25 MB for most parts.
        new()
        {
            Name = "groq-whisper", Description = "Groq whisper-large-v3(-turbo): FLAC parts under 25 MB (free tier)",
            Format = OutputFormat.Flac, Codec = "flac", SampleRate = 16000, Channels = 1,
            MaxFileSize = 25 * MB, SafetyMargin = 0.02, Source = "Groq: 25 MB per file on the free tier (100 MB on the developer tier)",
        },
        // Synchronous recognize takes at most 60 s of audio and a 10 MB request; the audio travels base64 in the JSON
        // body (4/3 larger), hence the 26 % margin. FLAC is Google's recommended lossless encoding.
        new()
        {
            Name = "google-stt-sync", Description = "Google Cloud Speech-to-Text synchronous recognize: FLAC parts of at most 60 s",
            Format = OutputFormat.Flac, Codec = "flac", SampleRate = 16000, Channels = 1,
            MaxFileSize = 10 * MB, MaxSegmentDuration = 60, SafetyMargin = 0.26, CutAt = CutAt.Silence,
            Source = "Google Cloud Speech-to-Text: 60 s and 10 MB per synchronous request",
        },
        // Inline audio shares the 20 MB request with the prompt and is base64 in JSON: 30 % held back. Gemini
        // downmixes to mono and samples audio at 16 kb/s itself, so a small Ogg Vorbis part loses nothing it uses.
        new()
        {
            Name = "gemini-inline", Description = "Google Gemini with inline audio data: Ogg parts under the 20 MB request limit",
            Format = OutputFormat.Ogg, Codec = "vorbis", SampleRate = 16000, Channels = 1, BitRate = 48000,
            MaxFileSize = 20 * MB, SafetyMargin = 0.30, Source = "Google Gemini API: 20 MB per request with inline data (larger files through the File API)",
        },
        // Amazon Transcribe has no synchronous upload; a batch job takes a file of up to 2 GB and 4 h. FLAC 16 kHz
        // mono is what AWS recommends for accuracy (lossless, at least 16 kHz).
        new()
        {
            Name = "aws-transcribe-sync", Description = "Amazon Transcribe (batch job per part): FLAC parts under 2 GB and 4 hours",
            Format = OutputFormat.Flac, Codec = "flac", SampleRate = 16000, Channels = 1,
            MaxFileSize = 2000 * MB, MaxSegmentDuration = 4 * 3600, SafetyMargin = 0.01, CutAt = CutAt.Silence,
            Source = "Amazon Transcribe: 2 GB and 4 hours per media file",
        },
        // AssemblyAI's upload endpoint takes up to 2.2 GB; MP3 keeps the upload short. Its limit is generous, so the
        // preset mainly sizes parts for a reliable upload.
        new()
        {
            Name = "assemblyai", Description = "AssemblyAI uploads: MP3 parts under 2.2 GB",
            Format = OutputFormat.Mp3, Codec = "mp3", SampleRate = 16000, Channels = 1, BitRate = 64000,
            MaxFileSize = 2200 * MB, SafetyMargin = 0.01, Source = "AssemblyAI: 2.2 GB per uploaded file",
        },
        // Listeners, not models: stereo 44.1 kHz MP3 at 128 kb/s (what podcast hosts and players expect), parts of
        // at most 10 minutes ending in a pause.
        new()
        {
            Name = "podcast-chapters", Description = "Podcast chapters: MP3 128 kb/s parts of at most 10 minutes, cut in pauses",
            Format = OutputFormat.Mp3, Codec = "mp3", SampleRate = 44100, Channels = 2, BitRate = 128000,
            MaxSegmentDuration = 600, CutAt = CutAt.Silence, Source = "Common podcast practice (no service limit)",
        },
    ];

    /// <summary>The shipped presets with <paramref name="configured"/> ones added or overriding by name, and what is wrong with them.</summary>
    public static PresetList Configure(IReadOnlyDictionary<string, PresetSettings>? configured)
    {
        var presets = Shipped.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (name, settings) in configured ?? new Dictionary<string, PresetSettings>())
        {
            var built = settings.Build(name.ToLowerInvariant(), presets.GetValueOrDefault(name));
            var wrong = built.Problems is { Count: > 0 } p ? p : built.Preset!.Problems().ToList();
            problems.AddRange(wrong.Select(w => $"{name}: {w}"));
            if (wrong.Count == 0)
            {
                presets[name] = built.Preset!;
            }
        }

        return new PresetList(presets.Values.ToList(), problems);
    }

    /// <summary>The preset named <paramref name="name"/> (any case), or null.</summary>
    public static SplitPreset? Find(IEnumerable<SplitPreset> presets, string name) =>
        presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The usable presets, and one line per configured preset that could not be used.</summary>
public sealed record PresetList(IReadOnlyList<SplitPreset> Presets, IReadOnlyList<string> Problems)
{
    public string Names => string.Join(", ", Presets.Select(p => p.Name));
}
