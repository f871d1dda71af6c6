using Xunit.Abstractions;
using Xunit.Sdk;

// Linked into each test project whose data tests run on both engines; TestAssembly.Name is that project's own.
namespace AudioPortal.TestSupport;

/// <summary>
/// Marks the PostgreSQL half of a test matrix: a small class nested in an abstract test class, beside its SQLite twin.
/// Its <see cref="DatabaseFactAttribute"/> tests skip with <see cref="PostgresCluster.InstallHint"/> when PostgreSQL
/// is missing (outside CI).
/// </summary>
public interface IOnPostgres;

/// <summary>
/// A fact of a test class that runs once per engine (an abstract class with one subclass per engine). A plain fact
/// cannot skip one subclass only, so the discoverer looks at the class it is discovered on.
/// </summary>
[XunitTestCaseDiscoverer("AudioPortal.TestSupport.DatabaseTestDiscoverer", TestAssembly.Name)]
public class DatabaseFactAttribute : FactAttribute;

/// <summary>A theory of a test class that runs once per engine; see <see cref="DatabaseFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("AudioPortal.TestSupport.DatabaseTestDiscoverer", TestAssembly.Name)]
public class DatabaseTheoryAttribute : TheoryAttribute;

public sealed class DatabaseTestDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute)
    {
        var fact = (attribute as IReflectionAttributeInfo)?.Attribute as FactAttribute;
        var onPostgres = typeof(IOnPostgres).IsAssignableFrom(method.TestClass.Class.ToRuntimeType());
        var skip = fact?.Skip ?? (onPostgres ? PostgresCluster.SkipReason : null);
        if (skip is not null)
        {
            return [new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, skip)];
        }

        return fact is TheoryAttribute
            ? new TheoryDiscoverer(sink).Discover(options, method, attribute)
            : new FactDiscoverer(sink).Discover(options, method, attribute);
    }
}
