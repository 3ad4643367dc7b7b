using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Kernel;

public class AddressTests
{
    // Duplicate address detection is left on in these namespaces, so only IFA_F_NODAD keeps an
    // IPv6 address from being tentative.
    private static readonly NamespaceOptions s_withDad = new() { DisableDuplicateAddressDetection = false };

    [Fact]
    public void AddAddress_Ipv4_IsListed()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));

        AddressInfo address = Assert.Single(ns1.Netlink.GetAddresses("eth0"), a => a.AddressFamily == AddressFamily.InterNetwork);
        Assert.Equal(InterfaceAddress.Parse("198.18.0.1/24"), address.Address);
        Assert.Equal(ns1.Netlink.GetLink("eth0")!.Index, address.InterfaceIndex);
        Assert.Equal(0, address.Scope);
        Assert.False(address.IsTentative);
    }

    [Fact]
    public void AddAddress_Ipv6Nodad_IsNotTentative()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1", s_withDad);
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2", s_withDad);
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("fd5e:7e57::1/64"));

        AddressInfo address = ns1.Netlink.GetAddresses("eth0")
            .Single(a => a.Address == InterfaceAddress.Parse("fd5e:7e57::1/64"));
        Assert.False(address.IsTentative);
        Assert.NotEqual(0u, address.Flags & Netns.Testing.Netlink.Wire.NetlinkConstants.IFA_F_NODAD);
    }

    [Fact]
    public void AddAddress_Ipv6WithDad_IsTentative()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1", s_withDad);
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2", s_withDad);
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("fd5e:7e57::1/64"), duplicateAddressDetection: true);

        AddressInfo address = ns1.Netlink.GetAddresses("eth0")
            .Single(a => a.Address == InterfaceAddress.Parse("fd5e:7e57::1/64"));
        Assert.True(address.IsTentative);
        Assert.EndsWith(" tentative", address.ToString());
    }

    [Fact]
    public void Ipv6Nodad_BindsAtOnce()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1", s_withDad);
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2", s_withDad);
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        var address = InterfaceAddress.Parse("fd5e:7e57::1/64");

        ns1.Netlink.AddAddress("eth0", address);
        using Socket socket = ns1.CreateSocket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new System.Net.IPEndPoint(address.Address, 0));

        Assert.Equal(address.Address, ((System.Net.IPEndPoint)socket.LocalEndPoint!).Address);
    }

    [Fact]
    public void DeleteAddress_RemovesBothFamilies()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        var v4 = InterfaceAddress.Parse("198.18.0.1/24");
        var v6 = InterfaceAddress.Parse("fd5e:7e57::1/64");
        ns1.Netlink.AddAddress("eth0", v4);
        ns1.Netlink.AddAddress("eth0", v6);

        ns1.Netlink.DeleteAddress("eth0", v4);
        ns1.Netlink.DeleteAddress("eth0", v6);

        IReadOnlyList<AddressInfo> remaining = ns1.Netlink.GetAddresses("eth0");
        Assert.DoesNotContain(remaining, a => a.Address == v4);
        Assert.DoesNotContain(remaining, a => a.Address == v6);
    }

    [Fact]
    public void AddAddress_Twice_ThrowsEexist()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("twice");
        var address = InterfaceAddress.Parse("198.18.5.1/32");
        ns.Netlink.AddAddress("lo", address);

        var exception = Assert.Throws<NetlinkException>(() => ns.Netlink.AddAddress("lo", address));

        Assert.StartsWith(
            "Adding address 198.18.5.1/32 to 'lo' in namespace 'twice' failed: File exists (EEXIST).",
            exception.Message);
        Assert.Equal("EEXIST", exception.ErrnoName);
    }

    [Fact]
    public void AddAddress_UnknownLink_ThrowsEnodev()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("unknown-link");

        var exception = Assert.Throws<NetlinkException>(
            () => ns.Netlink.AddAddress("eth9", InterfaceAddress.Parse("198.18.0.1/24")));

        Assert.Equal("Looking up link 'eth9' in namespace 'unknown-link' failed: No such device (ENODEV).", exception.Message);
    }

    [Fact]
    public void AddAddress_Ipv6BelowMinimumMtu_Fails()
    {
        // The rule TopologyValidator checks before building: no IPv6 below an MTU of 1280.
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2, new VethOptions { Mtu = 1279 });

        var exception = Assert.Throws<NetlinkException>(
            () => ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("fd5e:7e57::1/64")));

        Assert.Equal("EINVAL", exception.ErrnoName);
    }

    [Fact]
    public void GetAddresses_AllLinks_IncludesLoopback()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));

        IReadOnlyList<AddressInfo> addresses = ns1.Netlink.GetAddresses();

        Assert.Contains(addresses, a => a.Address == InterfaceAddress.Parse("127.0.0.1/8"));
        Assert.Contains(addresses, a => a.Address == InterfaceAddress.Parse("198.18.0.1/24"));
    }
}
