using System.Net;
using FluentAssertions;
using Netns.Testing.Netlink;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Assertions on the routes of a namespace to one destination, returned by
/// <see cref="NetworkNamespaceAssertions.HaveRouteTo"/>. Each assertion keeps the routes that match
/// it, so <c>.Via(gateway).OnDevice("eth0")</c> requires one route with both.
/// </summary>
public sealed class RouteAssertions
{
    private readonly NetworkNamespaceAssertions _parent;
    private readonly string _destination;
    private readonly IReadOnlyDictionary<int, string> _names;
    private IReadOnlyList<RouteInfo> _routes;

    internal RouteAssertions(
        NetworkNamespaceAssertions parent,
        string destination,
        IReadOnlyList<RouteInfo> routes,
        IReadOnlyDictionary<int, string> names)
    {
        _parent = parent;
        _destination = destination;
        _routes = routes;
        _names = names;
    }

    /// <summary>Continues with assertions on the namespace.</summary>
    public NetworkNamespaceAssertions And => _parent;

    /// <summary>The routes that matched every assertion so far; after a failure inside an assertion scope, none.</summary>
    public IReadOnlyList<RouteInfo> Which => _routes;

    /// <summary>Asserts that the route goes through the next hop <paramref name="gateway"/>.</summary>
    /// <param name="gateway">The gateway address, such as "198.18.1.1".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RouteAssertions Via(string gateway, string because = "", params object[] becauseArgs) =>
        Via(IPAddress.Parse(gateway), because, becauseArgs);

    /// <summary>Asserts that the route goes through the next hop <paramref name="gateway"/>.</summary>
    /// <param name="gateway">The gateway address.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RouteAssertions Via(IPAddress gateway, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return Narrow(r => gateway.Equals(r.Gateway), $"to go via {gateway}", because, becauseArgs);
    }

    /// <summary>Asserts that the route leaves through the interface <paramref name="device"/>.</summary>
    /// <param name="device">The interface name, such as "eth0".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RouteAssertions OnDevice(string device, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        return Narrow(
            r => NamespaceStateDump.NameOf(_names, r.OutputInterfaceIndex) == device,
            $"to leave through {NetworkNamespaceAssertions.Quote(device)}",
            because,
            becauseArgs);
    }

    [CustomAssertion]
    private RouteAssertions Narrow(Func<RouteInfo, bool> predicate, string expectation, string because, object[] becauseArgs)
    {
        if (_routes.Count == 0)
        {
            return this;
        }

        IReadOnlyList<RouteInfo> before = _routes;
        List<RouteInfo> matching = before.Where(predicate).ToList();
        string phrase = Escaping.Escape($"the route to {_destination} in") + " {context:namespace} " + Escaping.Escape(expectation);
        _parent.Check(
            matching.Count > 0,
            phrase,
            () => $"namespace {NetworkNamespaceAssertions.Quote(_parent.Subject.Name)} has " +
                string.Join(", ", before.Select(r => NamespaceStateDump.DescribeRoute(r, _names))),
            because,
            becauseArgs);
        _routes = matching;
        return this;
    }
}
