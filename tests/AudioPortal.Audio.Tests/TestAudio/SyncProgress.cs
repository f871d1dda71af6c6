namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; posts, which races with asserts).</summary>
public sealed class SyncProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
