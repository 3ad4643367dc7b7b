using NUnit.Framework.Internal;
using Netns.Testing.NUnit.Internal;

namespace Netns.Testing.NUnit;

/// <summary>
/// The running test's topology, for the test body and for its [SetUp] and [TearDown] methods, which
/// run in the host namespace. Each test gets its own, also when tests run in parallel.
/// </summary>
public static class NetnsContext
{
    private static readonly AsyncLocal<Topology?> s_topology = new();
    private static readonly AsyncLocal<ITopologyTestScope?> s_scope = new();

    /// <summary>The running test's topology.</summary>
    /// <exception cref="InvalidOperationException">
    /// No topology was built for the running test. The message gives the reason and the fix.
    /// </exception>
    public static Topology Topology => s_topology.Value ?? throw new InvalidOperationException(DescribeMissingTopology());

    /// <summary>Returns the running test's namespace declared as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">No topology was built for the running test.</exception>
    /// <exception cref="KeyNotFoundException">The test declares no namespace of that name.</exception>
    public static NetworkNamespace Namespace(string name) => Topology[name];

    /// <summary>
    /// The running test's service provider, built from its <c>[NetServices(typeof(...))]</c> attribute
    /// (package Netns.Testing.DependencyInjection) after its topology, and disposed after [TearDown],
    /// before the topology.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No topology was built for the running test, or the test and its fixture have no [NetServices] attribute.
    /// </exception>
    public static IServiceProvider Services
    {
        get
        {
            Topology topology = Topology;
            return s_scope.Value?.Services ?? throw new InvalidOperationException(DescribeMissingServices(topology));
        }
    }

    internal static Topology? Current => s_topology.Value;

    internal static Scope Enter(Topology topology, ITopologyTestScope? scope)
    {
        var previous = new Scope(s_topology.Value, s_scope.Value);
        s_topology.Value = topology;
        s_scope.Value = scope;
        return previous;
    }

    private static string DescribeMissingServices(Topology topology)
    {
        string test = TestExecutionContext.CurrentContext.CurrentTest?.FullName ?? "The running test";
        return $"Test '{test}' has no service provider: NetnsContext.Services needs [NetServices(typeof(YourServices))] " +
            "from Netns.Testing.DependencyInjection on the test method or its fixture, where YourServices implements " +
            $"INetServicesConfigurator. Without it, use NetnsContext.Topology (namespaces {string.Join(", ", topology.Namespaces.Keys.Select(n => $"'{n}'"))}).";
    }

    private static string DescribeMissingTopology()
    {
        Test? test = TestExecutionContext.CurrentContext.CurrentTest;
        if (test is TestMethod method && TopologyHook.DeclaresTopology(method))
        {
            return $"Test '{test.FullName}' declares a network topology, but none was built for it because the " +
                "Netns.Testing.NUnit hook is missing. Add [assembly: Netns.Testing.NUnit.NetnsTests] to the test project.";
        }

        return "No network topology is active here. NetnsContext works in the body, [SetUp] and [TearDown] of a test " +
            "that declares [NetNamespace], in an assembly with [assembly: Netns.Testing.NUnit.NetnsTests].";
    }

    internal readonly struct Scope(Topology? previousTopology, ITopologyTestScope? previousScope) : IDisposable
    {
        public void Dispose()
        {
            s_topology.Value = previousTopology;
            s_scope.Value = previousScope;
        }
    }
}
