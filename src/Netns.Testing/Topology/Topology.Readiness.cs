using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing;

public sealed partial class Topology
{
    // Joins measured here take well under a millisecond; the bound only keeps a broken kernel
    // from hanging setup.
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until every veth end with an IPv6 address has its link-local address and has joined
    /// the solicited-node multicast group of each address. An address added without DAD is usable
    /// at once, but the kernel joins its group slightly later, and neighbour solicitations that
    /// arrive before then are dropped, which stalls the first connection by a second.
    /// </summary>
    private async Task WaitForIPv6ReadyAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(NetworkNamespace Ns, string Interface, int Index)>();
        foreach (VethSpec veth in Spec.Veths)
        {
            foreach (VethEndSpec end in new[] { veth.End1, veth.End2 })
            {
                if (end.Addresses.Any(a => InterfaceAddress.Parse(a).AddressFamily == AddressFamily.InterNetworkV6))
                {
                    pending.Add((_namespaces[end.Namespace], end.Interface, _interfaceIndexes[(end.Namespace, end.Interface)]));
                }
            }
        }

        long started = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (pending.Count > 0)
        {
            foreach (IGrouping<NetworkNamespace, (NetworkNamespace Ns, string Interface, int Index)> group in pending.GroupBy(p => p.Ns).ToList())
            {
                RouteNetlinkClient netlink = group.Key.Netlink;
                IReadOnlyList<AddressInfo> addresses = netlink.GetIPv6Addresses();
                var usable = group.Where(end => HasUsableAddresses(end.Index, addresses)).ToList();
                if (usable.Count == 0)
                {
                    // No end here can be ready yet, so reading the group list would be wasted.
                    continue;
                }

                IReadOnlyList<(int InterfaceIndex, IPAddress Group)> joined = netlink.GetIPv6MulticastGroups();
                foreach (var end in usable)
                {
                    if (HasJoinedGroups(end.Index, addresses, joined))
                    {
                        pending.Remove(end);
                    }
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > s_readyTimeout)
            {
                throw new NetworkNamespaceException(
                    $"IPv6 on {string.Join(", ", pending.Select(p => $"'{p.Interface}' in namespace '{p.Ns.Name}'"))} " +
                    $"was not ready after {s_readyTimeout.TotalSeconds} s: a link-local address or a solicited-node group is missing.");
            }

            // The join usually follows within microseconds, so spin and yield before sleeping.
            if (spin.NextSpinWillYield && Stopwatch.GetElapsedTime(started) > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(1, cancellationToken);
            }
            else
            {
                spin.SpinOnce();
            }
        }
    }

    private static bool HasUsableAddresses(int index, IReadOnlyList<AddressInfo> addresses)
    {
        IEnumerable<AddressInfo> own = addresses.Where(a => a.InterfaceIndex == index && a.AddressFamily == AddressFamily.InterNetworkV6);
        return own.Any(a => a.IPAddress.IsIPv6LinkLocal) && !own.Any(a => a.IsTentative);
    }

    private static bool HasJoinedGroups(int index, IReadOnlyList<AddressInfo> addresses, IReadOnlyList<(int InterfaceIndex, IPAddress Group)> joined) =>
        addresses
            .Where(a => a.InterfaceIndex == index && a.AddressFamily == AddressFamily.InterNetworkV6)
            .All(a => joined.Any(j => j.InterfaceIndex == index && j.Group.Equals(SolicitedNodeGroup(a.IPAddress))));

    /// <summary>Returns ff02::1:ffXX:XXXX, the solicited-node multicast group of <paramref name="address"/> (RFC 4291).</summary>
    internal static IPAddress SolicitedNodeGroup(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        byte[] group = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, bytes[13], bytes[14], bytes[15]];
        return new IPAddress(group);
    }
}
