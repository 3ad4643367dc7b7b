using System.Net.NetworkInformation;

namespace Netns.Testing.Netlink;

/// <summary>A network interface as the kernel reports it in an RTM_NEWLINK message.</summary>
public sealed record LinkInfo
{
    /// <summary>The interface index, unique within its namespace.</summary>
    public required int Index { get; init; }

    /// <summary>The interface name, such as <c>eth0</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The link kind from IFLA_INFO_KIND, such as <c>veth</c>; null for devices without one, such as <c>lo</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The device flags (IFF_*).</summary>
    public uint Flags { get; init; }

    /// <summary>Whether the interface is administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & Wire.NetlinkConstants.IFF_UP) != 0;

    /// <summary>Whether the lower layer reports a carrier (IFF_LOWER_UP).</summary>
    public bool IsLowerUp => (Flags & Wire.NetlinkConstants.IFF_LOWER_UP) != 0;

    /// <summary>The operational state (RFC 2863) from IFLA_OPERSTATE.</summary>
    public LinkOperationalState OperationalState { get; init; }

    /// <summary>The MTU in bytes.</summary>
    public int Mtu { get; init; }

    /// <summary>The hardware address, or null when the link has none.</summary>
    public PhysicalAddress? MacAddress { get; init; }

    /// <summary>For a veth end, the index of its peer in the peer's namespace (IFLA_LINK); otherwise 0.</summary>
    public int PeerIndex { get; init; }

    /// <summary>Formats the link as "eth0 (veth) UP mtu 1500".</summary>
    public override string ToString() =>
        $"{Name}{(Kind is null ? "" : $" ({Kind})")} {(IsUp ? "UP" : "DOWN")} {OperationalState.ToString().ToLowerInvariant()} mtu {Mtu}";
}

/// <summary>The operational state of a link, as in RFC 2863 and IFLA_OPERSTATE.</summary>
public enum LinkOperationalState
{
    /// <summary>The state is unknown; <c>lo</c> reports this while up.</summary>
    Unknown = 0,
    /// <summary>The interface is not present.</summary>
    NotPresent = 1,
    /// <summary>The interface is down.</summary>
    Down = 2,
    /// <summary>The interface is down because a lower layer is down, such as a veth whose peer is down.</summary>
    LowerLayerDown = 3,
    /// <summary>The interface is in test mode.</summary>
    Testing = 4,
    /// <summary>The interface is waiting for an external event.</summary>
    Dormant = 5,
    /// <summary>The interface is up and can pass packets.</summary>
    Up = 6,
}
