using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink;

public sealed partial class RouteNetlinkClient
{
    /// <summary>
    /// Adds an address to a link. IPv6 addresses skip duplicate address detection (IFA_F_NODAD)
    /// unless <paramref name="duplicateAddressDetection"/> is true, so they are usable at once.
    /// </summary>
    public void AddAddress(string interfaceName, InterfaceAddress address, bool duplicateAddressDetection = false) =>
        AddAddress(GetLinkIndex(interfaceName), interfaceName, address, duplicateAddressDetection);

    internal void AddAddress(int interfaceIndex, string interfaceName, InterfaceAddress address, bool duplicateAddressDetection)
    {
        uint flags = address.AddressFamily == AddressFamily.InterNetworkV6 && !duplicateAddressDetection ? IFA_F_NODAD : 0;
        ChangeAddress(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, interfaceIndex, address, flags,
            $"Adding address {address} to '{interfaceName}'");
    }

    /// <summary>Removes an address from a link.</summary>
    public void DeleteAddress(string interfaceName, InterfaceAddress address) =>
        ChangeAddress(RTM_DELADDR, NLM_F_ACK, GetLinkIndex(interfaceName), address, 0,
            $"Deleting address {address} from '{interfaceName}'");

    /// <summary>Lists the addresses of every link, or of one link when <paramref name="interfaceName"/> is given.</summary>
    public IReadOnlyList<AddressInfo> GetAddresses(string? interfaceName = null)
    {
        int index = interfaceName is null ? 0 : GetLinkIndex(interfaceName);
        List<AddressInfo> addresses = DumpAddresses(AF_UNSPEC);
        return index == 0 ? addresses : addresses.Where(a => a.InterfaceIndex == index).ToList();
    }

    /// <summary>Lists the IPv6 addresses of every link; the kernel leaves out the other families.</summary>
    internal IReadOnlyList<AddressInfo> GetIPv6Addresses() => DumpAddresses(AF_INET6);

    private List<AddressInfo> DumpAddresses(byte family)
    {
        var addresses = new List<AddressInfo>();
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_GETADDR, NLM_F_DUMP);
            writer.WriteStruct(new ifaddrmsg { ifa_family = family });
            writer.EndMessage();
            _socket.Dump("Listing addresses", addresses, static (list, in message) => AddAddressInfo(list, message), static list => list.Clear());
        }

        return addresses;
    }

    /// <summary>
    /// Lists the IPv6 multicast groups each interface has joined, as /proc/net/igmp6 shows them,
    /// without a thread in the namespace.
    /// </summary>
    internal IReadOnlyList<(int InterfaceIndex, IPAddress Group)> GetIPv6MulticastGroups()
    {
        var groups = new List<(int, IPAddress)>();
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_GETMULTICAST, NLM_F_DUMP);
            writer.WriteStruct(new ifaddrmsg { ifa_family = AF_INET6 });
            writer.EndMessage();
            _socket.Dump("Listing IPv6 multicast groups", groups, static (list, in message) => AddMulticastGroup(list, message), static list => list.Clear());
        }

        return groups;
    }

    private static void AddMulticastGroup(List<(int, IPAddress)> groups, in NetlinkMessage message)
    {
        if (message.Type is not (RTM_GETMULTICAST or RTM_NEWMULTICAST))
        {
            return;
        }

        ifaddrmsg header = message.ReadFamilyHeader<ifaddrmsg>();
        NetlinkAttributeReader attributes = message.GetAttributes<ifaddrmsg>();
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            if (type == IFA_MULTICAST && payload.Length == 16)
            {
                groups.Add(((int)header.ifa_index, new IPAddress(payload)));
            }
        }
    }

    private void ChangeAddress(ushort type, ushort flags, int interfaceIndex, InterfaceAddress address, uint addressFlags, string operation)
    {
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(type, flags);
            writer.WriteStruct(new ifaddrmsg
            {
                ifa_family = address.AddressFamily == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET,
                ifa_prefixlen = (byte)address.PrefixLength,
                ifa_flags = (byte)addressFlags,
                ifa_index = (uint)interfaceIndex,
            });
            writer.WriteAttribute(IFA_LOCAL, address.Address);
            writer.WriteAttribute(IFA_ADDRESS, address.Address);
            if (addressFlags != 0)
            {
                writer.WriteAttribute(IFA_FLAGS, addressFlags);
            }

            Acknowledge(writer, operation);
        }
    }

    private static void AddAddressInfo(List<AddressInfo> addresses, in NetlinkMessage message)
    {
        if (message.Type != RTM_NEWADDR)
        {
            return;
        }

        ifaddrmsg header = message.ReadFamilyHeader<ifaddrmsg>();
        IPAddress? address = null;
        IPAddress? local = null;
        uint flags = header.ifa_flags;
        NetlinkAttributeReader attributes = message.GetAttributes<ifaddrmsg>();
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            switch (type)
            {
                case IFA_ADDRESS:
                    address = new IPAddress(payload);
                    break;
                case IFA_LOCAL:
                    local = new IPAddress(payload);
                    break;
                case IFA_FLAGS:
                    flags = NetlinkAttributeReader.ReadUInt32(payload);
                    break;
            }
        }

        // For point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is always the local address.
        IPAddress? own = local ?? address;
        if (own is null)
        {
            return;
        }

        if (own.IsIPv6LinkLocal)
        {
            own.ScopeId = header.ifa_index;
        }

        addresses.Add(new AddressInfo
        {
            InterfaceIndex = (int)header.ifa_index,
            Address = new InterfaceAddress(own, header.ifa_prefixlen),
            Flags = flags,
            Scope = header.ifa_scope,
        });
    }
}
