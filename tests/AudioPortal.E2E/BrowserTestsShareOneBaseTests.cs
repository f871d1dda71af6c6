using System.Reflection;
using AudioPortal.E2E.Infrastructure;

namespace AudioPortal.E2E;

/// <summary>The error watch only protects tests that derive from <see cref="BrowserTest"/>: none may be left out.</summary>
public sealed class BrowserTestsShareOneBaseTests
{
    [Fact]
    public void Every_class_with_a_browser_test_derives_from_BrowserTest()
    {
        var outside = typeof(BrowserTest).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BrowserFactAttribute>() is not null))
            .Where(t => !t.IsSubclassOf(typeof(BrowserTest)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(outside);
    }
}
