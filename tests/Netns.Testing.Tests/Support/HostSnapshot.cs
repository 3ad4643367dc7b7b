using System.Runtime.CompilerServices;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Support;

/// <summary>The host namespace's links, addresses and routes, read through rtnetlink from a host thread.</summary>
internal static class HostSnapshot
{
    /// <summary>The host's state when the test assembly was loaded, before any test ran.</summary>
    public static string AtStart { get; private set; } = "";

    // The loading thread is in the host namespace: no test has run yet. HostNamespace.Run cannot be
    // used here, because its thread would wait for this module initializer to finish.
    [ModuleInitializer]
    internal static void RecordAtStart() => AtStart = TakeOnCurrentThread();

    public static string Take() => HostNamespace.Run(TakeOnCurrentThread);

    private static string TakeOnCurrentThread()
    {
        using var netlink = new RouteNetlinkClient(RouteNetlinkSocket.Open("host"), "host");
        IEnumerable<string> links = netlink.GetLinks()
            .Select(l => $"link {l.Index} {l.Name} {l.Kind} flags {l.Flags:x} mtu {l.Mtu} {l.MacAddress}");
        IEnumerable<string> addresses = netlink.GetAddresses()
            .Select(a => $"address {a.InterfaceIndex} {a.Address} flags {a.Flags & ~Netlink.Wire.NetlinkConstants.IFA_F_TENTATIVE:x}");
        IEnumerable<string> routes = netlink.GetRoutes()
            .Select(r => $"route {r}");
        return string.Join("\n", links.Concat(addresses).Concat(routes).Order(StringComparer.Ordinal));
    }
}
