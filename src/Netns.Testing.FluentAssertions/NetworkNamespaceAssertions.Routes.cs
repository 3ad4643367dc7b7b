using System.Net;
using FluentAssertions;
using Netns.Testing.Netlink;

namespace Netns.Testing.FluentAssertions;

public partial class NetworkNamespaceAssertions
{
    /// <summary>
    /// Asserts that the main routing table of the namespace has a route to exactly
    /// <paramref name="destination"/>, and continues with assertions on it: <c>.HaveRouteTo("198.18.2.0/24").Via("198.18.1.1")</c>.
    /// </summary>
    /// <param name="destination">The destination network, such as "198.18.2.0/24", or "default" for a default route of either family.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not a network.</exception>
    [CustomAssertion]
    public RouteAssertions HaveRouteTo(string destination, string because = "", params object[] becauseArgs)
    {
        Func<RouteInfo, bool> matches = ParseDestination(destination);
        string expectation = $"to have a route to {destination}";
        IReadOnlyList<RouteInfo> routes = [];
        Dictionary<int, string> names = [];
        if (CheckSubject(expectation, because, becauseArgs))
        {
            names = Subject.Netlink.GetLinks().ToDictionary(l => l.Index, l => l.Name);
            routes = Subject.Netlink.GetRoutes().Where(matches).ToList();
            Check(routes.Count > 0, Phrase(expectation), () => $"namespace {Quote(Subject.Name)} has none", because, becauseArgs);
        }

        return new RouteAssertions(this, destination, routes, names);
    }

    /// <summary>Asserts that the main routing table of the namespace has no route to exactly <paramref name="destination"/>.</summary>
    /// <param name="destination">The destination network, such as "198.18.2.0/24", or "default".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not a network.</exception>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotHaveRouteTo(string destination, string because = "", params object[] becauseArgs)
    {
        Func<RouteInfo, bool> matches = ParseDestination(destination);
        string expectation = $"not to have a route to {destination}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            Dictionary<int, string> names = Subject.Netlink.GetLinks().ToDictionary(l => l.Index, l => l.Name);
            List<RouteInfo> routes = Subject.Netlink.GetRoutes().Where(matches).ToList();
            Check(
                routes.Count == 0,
                Phrase(expectation),
                () => $"namespace {Quote(Subject.Name)} has {string.Join(", ", routes.Select(r => NamespaceStateDump.DescribeRoute(r, names)))}",
                because,
                becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    private static Func<RouteInfo, bool> ParseDestination(string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (destination == "default")
        {
            return route => route.IsDefault;
        }

        // IPNetwork.TryParse clears host bits silently; a destination with host bits set is a
        // mistake that would otherwise match a different route than the one written.
        if (!IPNetwork.TryParse(destination, out IPNetwork network) ||
            !IPAddress.TryParse(destination.Split('/')[0], out IPAddress? written) ||
            !written.Equals(network.BaseAddress))
        {
            throw new ArgumentException(
                $"'{destination}' is not a network; write it as address/prefix with the host bits clear, such as 198.18.2.0/24, or as \"default\".",
                nameof(destination));
        }

        return route => route.Destination == network;
    }
}
