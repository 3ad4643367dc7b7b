using System.Net.NetworkInformation;
using System.Text;
using Netns.Testing.Netlink;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Describes the links, addresses and main-table routes of a namespace, one per line, for the
/// end of a failure message. Interface indexes are replaced by names, and nothing depends on the
/// inode, so the text of a topology with fixed MAC addresses is the same on every run.
/// </summary>
internal static class NamespaceStateDump
{
    public static string Describe(NetworkNamespace ns)
    {
        var text = new StringBuilder();
        text.Append(Environment.NewLine).Append(Environment.NewLine);
        if (ns.IsDisposed)
        {
            return text.Append($"Namespace \"{ns.Name}\" was disposed; its state is gone.").ToString();
        }

        IReadOnlyList<LinkInfo> links;
        IReadOnlyList<AddressInfo> addresses;
        IReadOnlyList<RouteInfo> routes;
        try
        {
            links = ns.Netlink.GetLinks();
            addresses = ns.Netlink.GetAddresses();
            routes = ns.Netlink.GetRoutes();
        }
        catch (Exception e) when (e is NetlinkException or ObjectDisposedException)
        {
            return text.Append($"The state of namespace \"{ns.Name}\" could not be read: {e.Message}").ToString();
        }

        Dictionary<int, string> names = links.ToDictionary(l => l.Index, l => l.Name);
        text.Append($"State of namespace \"{ns.Name}\":");
        foreach (LinkInfo link in links.OrderBy(l => l.Index))
        {
            text.Append(Environment.NewLine).Append("  ").Append(DescribeLink(link));
        }

        foreach (AddressInfo address in addresses)
        {
            text.Append(Environment.NewLine).Append($"  address {DescribeAddress(address)} on {NameOf(names, address.InterfaceIndex)}");
        }

        foreach (RouteInfo route in routes)
        {
            text.Append(Environment.NewLine).Append("  route ").Append(DescribeRoute(route, names));
        }

        return text.ToString();
    }

    internal static string DescribeLink(LinkInfo link)
    {
        string kind = link.Kind is null ? "" : $" ({link.Kind})";
        string state = link.OperationalState.ToString().ToLowerInvariant();
        string mac = link.MacAddress is null || link.MacAddress.Equals(PhysicalAddress.None) || IsZero(link.MacAddress)
            ? ""
            : ", " + FormatMac(link.MacAddress);
        return $"link {link.Name}{kind}: {(link.IsUp ? "UP" : "DOWN")}, state {state}, mtu {link.Mtu}{mac}";
    }

    internal static string DescribeRoute(RouteInfo route, IReadOnlyDictionary<int, string> names)
    {
        var text = new StringBuilder();
        text.Append(route.IsDefault ? "default" : route.Destination.ToString());
        if (route.Gateway is not null)
        {
            text.Append($" via {route.Gateway}");
        }

        if (route.OutputInterfaceIndex != 0)
        {
            text.Append($" dev {NameOf(names, route.OutputInterfaceIndex)}");
        }

        if (route.Metric != 0)
        {
            text.Append($" metric {route.Metric}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Formats an address as "fe80::ff:fe00:1/64", without the scope id (the interface index)
    /// that <see cref="System.Net.IPAddress.ToString"/> adds to link-local addresses: the line names the link.
    /// </summary>
    internal static string DescribeAddress(AddressInfo address)
    {
        var bare = new System.Net.IPAddress(address.IPAddress.GetAddressBytes());
        return $"{bare}/{address.Address.PrefixLength}{(address.IsTentative ? " tentative" : "")}";
    }

    internal static string NameOf(IReadOnlyDictionary<int, string> names, int index) =>
        names.TryGetValue(index, out string? name) ? name : $"#{index}";

    internal static string FormatMac(PhysicalAddress mac) =>
        string.Join(":", mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static bool IsZero(PhysicalAddress mac) => mac.GetAddressBytes().All(b => b == 0);
}
