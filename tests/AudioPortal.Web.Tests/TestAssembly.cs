namespace AudioPortal.TestSupport;

/// <summary>This assembly's name, for the xunit discoverers of the linked test support (tests/Shared).</summary>
internal static class TestAssembly
{
    public const string Name = "AudioPortal.Web.Tests";
}
