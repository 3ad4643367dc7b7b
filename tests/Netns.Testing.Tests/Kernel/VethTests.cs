using System.Net.NetworkInformation;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Kernel;

public class VethTests
{
    [Fact]
    public void CreateVeth_EndsAppearInTheirNamespaces()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");

        ns1.Netlink.CreateVeth("va", "vb", ns2);

        LinkInfo? a = ns1.Netlink.GetLink("va");
        LinkInfo? b = ns2.Netlink.GetLink("vb");
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Equal("veth", a.Kind);
        Assert.Equal("veth", b.Kind);
        Assert.True(a.IsUp);
        Assert.True(b.IsUp);
        Assert.Equal(b.Index, a.PeerIndex);
        Assert.Equal(a.Index, b.PeerIndex);
        Assert.Null(ns1.Netlink.GetLink("vb"));
        Assert.Null(ns2.Netlink.GetLink("va"));
    }

    [Fact]
    public void CreateVeth_NothingAppearsInHost()
    {
        string[] before = HostView.ListInterfaces();
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");

        ns1.Netlink.CreateVeth("hostcheck0", "hostcheck1", ns2);
        string[] during = HostView.ListInterfaces();

        Assert.Equal(before, during);
        Assert.DoesNotContain("hostcheck0", during);
        Assert.DoesNotContain("hostcheck1", during);
    }

    [Fact]
    public void BothEndsNamedEth0_HostEth0Untouched()
    {
        string[] hostBefore = HostView.ListInterfaces();
        string hostEth0Index = HostNamespace.Run(() => File.ReadAllText("/sys/class/net/eth0/ifindex"));
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");

        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        Assert.NotNull(ns1.Netlink.GetLink("eth0"));
        Assert.NotNull(ns2.Netlink.GetLink("eth0"));
        Assert.Equal(hostBefore, HostView.ListInterfaces());
        Assert.Equal(hostEth0Index, HostNamespace.Run(() => File.ReadAllText("/sys/class/net/eth0/ifindex")));
    }

    [Fact]
    public void CreateVeth_NameTaken_ThrowsEexist()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        var exception = Assert.Throws<NetlinkException>(() => ns1.Netlink.CreateVeth("eth0", "eth0", ns2));

        string expected = "Creating veth 'eth0' (peer 'eth0' in namespace 'ns2') in namespace 'ns1' failed: File exists (EEXIST)";
        Assert.Equal(
            exception.ExtendedAckMessage is null ? expected + "." : $"{expected}. Kernel: {exception.ExtendedAckMessage}.",
            exception.Message);
        Assert.Equal("Creating veth 'eth0' (peer 'eth0' in namespace 'ns2')", exception.Operation);
        Assert.Equal("ns1", exception.NamespaceName);
        Assert.Equal(17, exception.Errno);
        Assert.Equal("EEXIST", exception.ErrnoName);
        Assert.Equal("File exists", exception.ErrnoText);
    }

    [Fact]
    public void CreateVeth_WithOptions_AppliesMtuAndMac()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        var mac1 = PhysicalAddress.Parse("02-00-00-00-00-01");
        var mac2 = PhysicalAddress.Parse("02-00-00-00-00-02");

        var options = new VethOptions { Mtu = 9000, MacAddress = mac1, PeerMacAddress = mac2, Up = false };

        ns1.Netlink.CreateVeth("eth0", "eth0", ns2, options);

        LinkInfo a = ns1.Netlink.GetLink("eth0")!;
        LinkInfo b = ns2.Netlink.GetLink("eth0")!;
        Assert.Equal(9000, a.Mtu);
        Assert.Equal(9000, b.Mtu);
        Assert.Equal(mac1, a.MacAddress);
        Assert.Equal(mac2, b.MacAddress);
        Assert.False(a.IsUp);
        Assert.False(b.IsUp);
    }

    [Fact]
    public void SetMtu_OnBothEnds()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);

        ns1.Netlink.SetMtu("eth0", 1400);
        ns2.Netlink.SetMtu("eth0", 1280);

        Assert.Equal(1400, ns1.Netlink.GetLink("eth0")!.Mtu);
        Assert.Equal(1280, ns2.Netlink.GetLink("eth0")!.Mtu);
    }

    [Fact]
    public void SetMtu_BelowMinimum_Throws()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("mtu-min");

        Assert.Throws<ArgumentOutOfRangeException>(() => ns.Netlink.SetMtu("lo", 67));
    }

    [Fact]
    public void SetMacAddress_IsReported()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        var mac = PhysicalAddress.Parse("02:5e:7e:57:00:01");

        ns1.Netlink.SetMacAddress("eth0", mac);

        Assert.Equal(mac, ns1.Netlink.GetLink("eth0")!.MacAddress);
    }

    [Fact]
    public void SetLinkDownAndUp_ChangesStates()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        Assert.True(HostView.WaitUntil(
            () => ns1.Netlink.GetLink("eth0")!.OperationalState == LinkOperationalState.Up, TimeSpan.FromSeconds(2)));

        ns2.Netlink.SetLinkDown("eth0");
        bool carrierLost = HostView.WaitUntil(
            () => ns1.Netlink.GetLink("eth0")!.OperationalState != LinkOperationalState.Up, TimeSpan.FromSeconds(2));
        LinkInfo whilePeerDown = ns1.Netlink.GetLink("eth0")!;
        ns1.Netlink.SetLinkDown("eth0");
        LinkInfo down = ns1.Netlink.GetLink("eth0")!;
        ns1.Netlink.SetLinkUp("eth0");
        ns2.Netlink.SetLinkUp("eth0");
        bool upAgain = HostView.WaitUntil(
            () => ns1.Netlink.GetLink("eth0")!.OperationalState == LinkOperationalState.Up, TimeSpan.FromSeconds(2));

        Assert.True(carrierLost);

        // The kernel derives LOWERLAYERDOWN from the peer's index (IFLA_LINK). Both ends have
        // index 2 in fresh namespaces, which it takes for a device without a lower one: DOWN.
        Assert.Contains(whilePeerDown.OperationalState, new[] { LinkOperationalState.Down, LinkOperationalState.LowerLayerDown });
        Assert.True(whilePeerDown.IsUp);
        Assert.False(whilePeerDown.IsLowerUp);
        Assert.False(down.IsUp);
        Assert.Equal(LinkOperationalState.Down, down.OperationalState);
        Assert.True(upAgain);
        Assert.True(ns1.Netlink.GetLink("eth0")!.IsLowerUp);
    }

    [Fact]
    public void DeleteLink_RemovesBothEnds()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth1", ns2);

        ns1.Netlink.DeleteLink("eth0");

        Assert.Null(ns1.Netlink.GetLink("eth0"));
        Assert.Null(ns2.Netlink.GetLink("eth1"));
        Assert.Equal(["lo"], ns2.Netlink.GetLinks().Select(l => l.Name));
    }

    [Fact]
    public void DeleteLink_Missing_ThrowsEnodev()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("del-missing");

        var exception = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteLink("nope0"));

        Assert.StartsWith("Deleting link 'nope0' in namespace 'del-missing' failed: No such device (ENODEV).", exception.Message);
        Assert.Equal("ENODEV", exception.ErrnoName);
    }

    [Fact]
    public void GetLink_Missing_ReturnsNull()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("get-missing");

        Assert.Null(ns.Netlink.GetLink("eth0"));
    }

    [Fact]
    public void GetLinks_ListsAllLinks()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        ns1.Netlink.CreateVeth("eth1", "eth1", ns2);

        IReadOnlyList<LinkInfo> links = ns1.Netlink.GetLinks();

        Assert.Equal(["eth0", "eth1", "lo"], links.Select(l => l.Name).Order());
        Assert.Equal(links.Count, links.Select(l => l.Index).Distinct().Count());
    }
}
