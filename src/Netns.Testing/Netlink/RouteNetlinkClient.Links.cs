using System.Net.NetworkInformation;
using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink;

public sealed partial class RouteNetlinkClient
{
    /// <summary>
    /// Creates a veth pair with <paramref name="name"/> in this namespace and
    /// <paramref name="peerName"/> directly in <paramref name="peerNamespace"/>, so neither end
    /// ever exists in another namespace.
    /// </summary>
    /// <exception cref="NetlinkException">The kernel rejected the request, for example because a name is taken.</exception>
    public void CreateVeth(string name, string peerName, NetworkNamespace peerNamespace, VethOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(peerNamespace);
        ThrowIfInvalidInterfaceName(name, nameof(name));
        ThrowIfInvalidInterfaceName(peerName, nameof(peerName));
        options ??= VethOptions.Default;
        string operation = $"Creating veth '{name}' (peer '{peerName}' in namespace '{peerNamespace.Name}')";
        peerNamespace.UseHandle(peerFd =>
        {
            lock (_gate)
            {
                // The kernel applies the flags of the request to this end once both ends are linked.
                uint up = options.Up ? IFF_UP : 0u;
                NetlinkMessageWriter writer = BeginRequest(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
                writer.WriteStruct(new ifinfomsg { ifi_flags = up, ifi_change = up });
                writer.WriteAttribute(IFLA_IFNAME, name);
                WriteLinkOptions(writer, options.Mtu, options.MacAddress);

                int linkInfo = writer.BeginNested(IFLA_LINKINFO);
                writer.WriteAttribute(IFLA_INFO_KIND, "veth");
                int data = writer.BeginNested(IFLA_INFO_DATA);
                int peer = writer.BeginNested(VETH_INFO_PEER);
                writer.WriteStruct(new ifinfomsg());
                writer.WriteAttribute(IFLA_IFNAME, peerName);
                WriteLinkOptions(writer, options.Mtu, options.PeerMacAddress);
                writer.WriteAttribute(IFLA_NET_NS_FD, peerFd);
                writer.EndNested(peer);
                writer.EndNested(data);
                writer.EndNested(linkInfo);
                Acknowledge(writer, operation);
            }
        });

        // The peer's flags cannot be part of the request: the kernel opens the peer before the
        // two ends are linked, and opening an unlinked veth end fails with ENOTCONN.
        if (options.Up)
        {
            peerNamespace.Netlink.SetLinkUp(peerName);
        }
    }

    private static void ThrowIfInvalidInterfaceName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);

        // The kernel returns only "Attribute failed policy validation" for a name that is too long.
        if (TopologyValidator.GetInterfaceNameProblem(name) is string problem)
        {
            throw new ArgumentException($"'{name}' is not a valid interface name: {problem}.", paramName);
        }
    }

    /// <summary>Sets a link administratively up.</summary>
    public void SetLinkUp(string name) => ChangeLink(name, $"Setting link '{name}' up", IFF_UP, IFF_UP, null, null);

    /// <summary>Sets a link administratively down.</summary>
    public void SetLinkDown(string name) => ChangeLink(name, $"Setting link '{name}' down", 0, IFF_UP, null, null);

    /// <summary>Sets the MTU of a link. For a veth, set it on both ends so both directions agree.</summary>
    public void SetMtu(string name, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        ChangeLink(name, $"Setting the MTU of link '{name}' to {mtu}", 0, 0, mtu, null);
    }

    /// <summary>Sets the hardware address of a link.</summary>
    public void SetMacAddress(string name, PhysicalAddress macAddress)
    {
        ArgumentNullException.ThrowIfNull(macAddress);
        ChangeLink(name, $"Setting the MAC address of link '{name}' to {FormatMac(macAddress)}", 0, 0, null, macAddress);
    }

    /// <summary>Deletes a link. Deleting one end of a veth deletes its peer too.</summary>
    public void DeleteLink(string name)
    {
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_DELLINK, NLM_F_ACK);
            writer.WriteStruct(new ifinfomsg());
            writer.WriteAttribute(IFLA_IFNAME, name);
            Acknowledge(writer, $"Deleting link '{name}'");
        }
    }

    /// <summary>
    /// Requests one link by name, or returns null when no such link exists. A per-device request
    /// also waits for the kernel's pending link-watch work on that device, which a dump does not.
    /// </summary>
    public LinkInfo? GetLink(string name)
    {
        var links = new List<LinkInfo>(1);
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_GETLINK, NLM_F_ACK);
            writer.WriteStruct(new ifinfomsg());
            writer.WriteAttribute(IFLA_IFNAME, name);
            writer.WriteAttribute(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            writer.EndMessage();
            try
            {
                _socket.Dump($"Getting link '{name}'", links, static (list, in message) => AddLink(list, message), static list => list.Clear());
            }
            catch (NetlinkException e) when (e.Errno == Interop.Errno.ENODEV)
            {
                return null;
            }
        }

        return links.Count == 0 ? null : links[0];
    }

    /// <summary>Lists every link in the namespace.</summary>
    public IReadOnlyList<LinkInfo> GetLinks()
    {
        var links = new List<LinkInfo>();
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_GETLINK, NLM_F_DUMP);
            writer.WriteStruct(new ifinfomsg());
            writer.WriteAttribute(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            writer.EndMessage();
            _socket.Dump("Listing links", links, static (list, in message) => AddLink(list, message), static list => list.Clear());
        }

        return links;
    }

    internal int GetLinkIndex(string name) =>
        GetLink(name)?.Index ?? throw new NetlinkException(
            $"Looking up link '{name}'", _namespaceName, Interop.Errno.ENODEV, null);

    private void ChangeLink(string name, string operation, uint flags, uint change, int? mtu, PhysicalAddress? macAddress)
    {
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_NEWLINK, NLM_F_ACK);
            writer.WriteStruct(new ifinfomsg { ifi_flags = flags, ifi_change = change });
            writer.WriteAttribute(IFLA_IFNAME, name);
            WriteLinkOptions(writer, mtu, macAddress);
            Acknowledge(writer, operation);
        }
    }

    private static void WriteLinkOptions(NetlinkMessageWriter writer, int? mtu, PhysicalAddress? macAddress)
    {
        if (mtu is int value)
        {
            writer.WriteAttribute(IFLA_MTU, (uint)value);
        }

        if (macAddress is not null)
        {
            writer.WriteAttribute(IFLA_ADDRESS, macAddress.GetAddressBytes());
        }
    }

    private static void AddLink(List<LinkInfo> links, in NetlinkMessage message)
    {
        if (message.Type != RTM_NEWLINK)
        {
            return;
        }

        ifinfomsg header = message.ReadFamilyHeader<ifinfomsg>();
        string name = "";
        string? kind = null;
        int mtu = 0;
        int peerIndex = 0;
        bool peerInOtherNamespace = false;
        byte operState = 0;
        PhysicalAddress? mac = null;
        NetlinkAttributeReader attributes = message.GetAttributes<ifinfomsg>();
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            switch (type)
            {
                case IFLA_IFNAME:
                    name = NetlinkAttributeReader.ReadString(payload);
                    break;
                case IFLA_MTU:
                    mtu = (int)NetlinkAttributeReader.ReadUInt32(payload);
                    break;
                case IFLA_LINK:
                    peerIndex = (int)NetlinkAttributeReader.ReadUInt32(payload);
                    break;
                case IFLA_LINK_NETNSID:
                    peerInOtherNamespace = true;
                    break;
                case IFLA_OPERSTATE:
                    operState = payload.Length > 0 ? payload[0] : (byte)0;
                    break;
                case IFLA_ADDRESS:
                    mac = new PhysicalAddress(payload.ToArray());
                    break;
                case IFLA_LINKINFO:
                    kind = ReadLinkKind(payload);
                    break;
            }
        }

        links.Add(new LinkInfo
        {
            Index = header.ifi_index,
            Name = name,
            Kind = kind,
            Flags = header.ifi_flags,
            Mtu = mtu,
            MacAddress = mac,
            // A device without a peer reports its own index as IFLA_LINK. A veth peer in another
            // namespace (IFLA_LINK_NETNSID) may have the same index there, as both ends of a pair
            // between fresh namespaces do.
            PeerIndex = peerIndex == header.ifi_index && !peerInOtherNamespace ? 0 : peerIndex,
            OperationalState = (LinkOperationalState)operState,
        });
    }

    private static string? ReadLinkKind(ReadOnlySpan<byte> linkInfo)
    {
        var nested = new NetlinkAttributeReader(linkInfo);
        while (nested.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            if (type == IFLA_INFO_KIND)
            {
                return NetlinkAttributeReader.ReadString(payload);
            }
        }

        return null;
    }

    internal static string FormatMac(PhysicalAddress address) =>
        string.Join(":", address.GetAddressBytes().Select(b => b.ToString("x2")));
}

/// <summary>Options for a new veth pair.</summary>
public sealed record VethOptions
{
    internal static readonly VethOptions Default = new();

    /// <summary>The MTU of both ends, or null for the kernel's default of 1500.</summary>
    public int? Mtu { get; init; }

    /// <summary>Whether both ends are set up as they are created. Defaults to true.</summary>
    public bool Up { get; init; } = true;

    /// <summary>The hardware address of the local end, or null for a random one.</summary>
    public PhysicalAddress? MacAddress { get; init; }

    /// <summary>The hardware address of the peer end, or null for a random one.</summary>
    public PhysicalAddress? PeerMacAddress { get; init; }
}
