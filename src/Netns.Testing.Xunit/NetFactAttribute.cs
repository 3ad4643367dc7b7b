using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.Xunit;

/// <summary>
/// Marks a test whose body runs inside a network namespace declared with <see cref="NetNamespaceAttribute"/>
/// on the method or its class. Before the test, the adapter builds the declared topology, and the body runs on
/// the body namespace's thread. Afterwards the topology is removed, and the test fails if a thread it started
/// is still in one of its namespaces. Parameters of type <see cref="NetworkNamespace"/> receive the declared
/// namespace of the same name, and a <see cref="Topology"/> parameter receives the whole topology.
/// </summary>
/// <remarks>
/// <see cref="FactAttribute.Timeout"/> (milliseconds) applies to synchronous and asynchronous bodies: a body
/// still running when it expires is abandoned, the topology is removed, and the test fails.
/// </remarks>
[XunitTestCaseDiscoverer("Netns.Testing.Xunit.Sdk.NetFactDiscoverer", "Netns.Testing.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetFactAttribute : FactAttribute
{
}
