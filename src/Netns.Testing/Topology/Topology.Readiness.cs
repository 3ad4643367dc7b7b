using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing;

public sealed partial class Topology
{
    // Measured joins take well under a millisecond; the bound only keeps a broken kernel from hanging setup.
    private static readonly TimeSpan s_ipv6ReadyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until every veth end with an IPv6 address has its link-local address and has joined
    /// the solicited-node multicast group of each address. An address added without DAD is usable
    /// at once, but the kernel joins its group slightly later, and neighbour solicitations that
    /// arrive before then are dropped, which stalls the first connection by a second.
    /// </summary>
    private async Task WaitForIPv6ReadyAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(NetworkNamespace Ns, string Interface)>();
        foreach (VethSpec veth in Spec.Veths)
        {
            foreach (VethEndSpec end in new[] { veth.End1, veth.End2 })
            {
                if (end.Addresses.Any(a => InterfaceAddress.Parse(a).AddressFamily == AddressFamily.InterNetworkV6))
                {
                    pending.Add((_namespaces[end.Namespace], end.Interface));
                }
            }
        }

        long started = Stopwatch.GetTimestamp();
        while (pending.Count > 0)
        {
            pending.RemoveAll(p => IsIPv6Ready(p.Ns, p.Interface));
            if (pending.Count == 0)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > s_ipv6ReadyTimeout)
            {
                throw new NetworkNamespaceException(
                    $"IPv6 on {string.Join(", ", pending.Select(p => $"'{p.Interface}' in namespace '{p.Ns.Name}'"))} " +
                    $"was not ready after {s_ipv6ReadyTimeout.TotalSeconds} s: a link-local address or a solicited-node group is missing.");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private static bool IsIPv6Ready(NetworkNamespace ns, string interfaceName)
    {
        IReadOnlyList<AddressInfo> addresses = ns.Netlink.GetAddresses(interfaceName)
            .Where(a => a.AddressFamily == AddressFamily.InterNetworkV6)
            .ToList();
        if (!addresses.Any(a => a.IPAddress.IsIPv6LinkLocal) || addresses.Any(a => a.IsTentative))
        {
            return false;
        }

        string groups = ns.ReadProcNetFile("igmp6");
        return addresses.All(a => HasJoined(groups, interfaceName, a.IPAddress));
    }

    /// <summary>
    /// Checks /proc/net/igmp6 for the solicited-node group ff02::1:ffXX:XXXX of <paramref name="address"/>;
    /// its lines read "index name group-in-hex users flags timer".
    /// </summary>
    internal static bool HasJoined(string igmp6, string interfaceName, IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        string group = $"ff0200000000000000000001ff{bytes[13]:x2}{bytes[14]:x2}{bytes[15]:x2}";
        foreach (string line in igmp6.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3 && fields[1] == interfaceName && fields[2] == group)
            {
                return true;
            }
        }

        return false;
    }
}
