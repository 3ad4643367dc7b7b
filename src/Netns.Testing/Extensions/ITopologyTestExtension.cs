using System.Reflection;

namespace Netns.Testing;

/// <summary>
/// Gives tests run by the xunit and NUnit adapters values the adapters do not know, such as a
/// service provider. A package registers one with <see cref="TopologyTestExtensions.Register"/>,
/// usually from a module initializer, which runs once a test uses one of the package's attributes.
/// </summary>
public interface ITopologyTestExtension
{
    /// <summary>
    /// Whether the extension gives a value for <paramref name="parameter"/> of a test method in
    /// <paramref name="testClass"/>. Adapters ask while discovering tests, before any topology exists.
    /// </summary>
    bool Supplies(ParameterInfo parameter, Type testClass);

    /// <summary>
    /// Creates the extension's state for one test, after its topology is built and before its body
    /// runs. Returns null when the test does not use the extension. The adapter disposes the scope
    /// after the body and before the topology.
    /// </summary>
    ITopologyTestScope? CreateScope(Topology topology, MethodInfo testMethod, Type testClass);
}
