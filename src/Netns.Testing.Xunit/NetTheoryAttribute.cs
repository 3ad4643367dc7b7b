using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.Xunit;

/// <summary>
/// Marks a data theory whose body runs inside a declared network namespace, as <see cref="NetFactAttribute"/>
/// does for facts. Each data row gets its own topology. The row's values fill the leading parameters;
/// <see cref="NetworkNamespace"/> and <see cref="Topology"/> parameters come after them and are supplied
/// by the adapter. Give those a default of <c>null!</c>, as in
/// <c>void Run(int port, NetworkNamespace server = null!)</c>: xunit's analyzers (xUnit1009, xUnit1037)
/// report rows that leave out a parameter without a default as errors.
/// </summary>
[XunitTestCaseDiscoverer("Netns.Testing.Xunit.Sdk.NetTheoryDiscoverer", "Netns.Testing.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetTheoryAttribute : TheoryAttribute
{
    /// <summary>
    /// Whether the data rows run in parallel with each other. xunit runs the tests of one class one at a
    /// time. With this set, each row found at discovery becomes its own test collection, so rows run in
    /// parallel up to xunit's maxParallelThreads. Class fixtures are then created once per row, and
    /// collection fixtures are not available to the rows. Rows that cannot be enumerated at discovery
    /// (data that does not serialize) still run one at a time.
    /// </summary>
    public bool ParallelRows { get; set; }
}
