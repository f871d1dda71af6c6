namespace AudioPortal.Audio.Writing;

/// <summary>One part of a run of adjacent parts written together: samples [Start, End) of the source, its tags and its file.</summary>
internal sealed record RunOutput(long Start, long End, IReadOnlyDictionary<string, string> Tags, string Path);
