namespace Netns.Testing.Xunit;

/// <summary>
/// Sets how long the topology of a test class lives. <see cref="TopologyScope.Class"/> builds the class's
/// declarations once for all its tests, which saves the setup time of each test, but the tests then share
/// namespaces: state one test leaves behind (sockets, routes, sysctls, processes) is seen by the next.
/// With class scope, declarations must be on the class; a test method with its own declarations fails.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NetTopologyScopeAttribute : Attribute
{
    /// <summary>Sets the scope of the topology of the class's tests.</summary>
    public NetTopologyScopeAttribute(TopologyScope scope)
    {
        Scope = scope;
    }

    /// <summary>The scope of the topology.</summary>
    public TopologyScope Scope { get; }
}
