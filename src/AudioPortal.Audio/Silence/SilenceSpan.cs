namespace AudioPortal.Audio.Silence;

/// <summary>A detected silence: samples [<see cref="StartSample"/>, <see cref="EndSample"/>) of the source.</summary>
public readonly record struct SilenceSpan(long StartSample, long EndSample)
{
    public long Length => EndSample - StartSample;

    public long Middle => StartSample + Length / 2;
}
