using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.Netlink;

/// <summary>A route as the kernel reports it in an RTM_NEWROUTE message.</summary>
public sealed record RouteInfo
{
    /// <summary>The destination network; 0.0.0.0/0 or ::/0 for a default route.</summary>
    public required IPNetwork Destination { get; init; }

    /// <summary>The next hop, or null for a route on the link.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>The index of the output interface, or 0 when the route has none.</summary>
    public int OutputInterfaceIndex { get; init; }

    /// <summary>The metric (RTA_PRIORITY).</summary>
    public int Metric { get; init; }

    /// <summary>The routing table, 254 for main.</summary>
    public int Table { get; init; }

    /// <summary>The protocol that installed the route (RTPROT_*): 2 for the kernel, 4 for static.</summary>
    public byte Protocol { get; init; }

    /// <summary>The scope (RT_SCOPE_*).</summary>
    public byte Scope { get; init; }

    /// <summary>The route type (RTN_*): 1 for unicast, 2 for local.</summary>
    public byte Type { get; init; }

    /// <summary>The address family.</summary>
    public AddressFamily AddressFamily => Destination.BaseAddress.AddressFamily;

    /// <summary>Whether the route is a default route.</summary>
    public bool IsDefault => Destination.PrefixLength == 0;

    /// <summary>Formats the route as "198.18.1.0/24 via 198.18.0.2 dev 2 metric 0".</summary>
    public override string ToString() =>
        $"{(IsDefault ? "default" : Destination.ToString())}{(Gateway is null ? "" : $" via {Gateway}")} dev {OutputInterfaceIndex} metric {Metric}";
}
