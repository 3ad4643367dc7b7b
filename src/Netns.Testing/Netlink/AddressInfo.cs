using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink.Wire;

namespace Netns.Testing.Netlink;

/// <summary>An interface address as the kernel reports it in an RTM_NEWADDR message.</summary>
public sealed record AddressInfo
{
    /// <summary>The index of the interface the address is on.</summary>
    public required int InterfaceIndex { get; init; }

    /// <summary>The address and prefix length.</summary>
    public required InterfaceAddress Address { get; init; }

    /// <summary>The address flags (IFA_F_*).</summary>
    public uint Flags { get; init; }

    /// <summary>The scope (RT_SCOPE_*): 0 for global, 253 for link, 254 for host.</summary>
    public byte Scope { get; init; }

    /// <summary>The address family.</summary>
    public AddressFamily AddressFamily => Address.AddressFamily;

    /// <summary>The bare address.</summary>
    public IPAddress IPAddress => Address.Address;

    /// <summary>Whether duplicate address detection still runs for the address (IFA_F_TENTATIVE).</summary>
    public bool IsTentative => (Flags & NetlinkConstants.IFA_F_TENTATIVE) != 0;

    /// <summary>Whether duplicate address detection found the address in use (IFA_F_DADFAILED).</summary>
    public bool IsDadFailed => (Flags & NetlinkConstants.IFA_F_DADFAILED) != 0;

    /// <summary>Formats the address as "198.18.0.1/24".</summary>
    public override string ToString() => Address.ToString() + (IsTentative ? " tentative" : "");
}
