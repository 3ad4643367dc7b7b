using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Kernel;

public class RouteTests
{
    private static (NetworkNamespace Ns1, NetworkNamespace Ns2) CreatePair()
    {
        NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        NetworkNamespace ns2 = NetworkNamespace.Create("ns2");
        ns1.Netlink.CreateVeth("eth0", "eth0", ns2);
        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));
        ns1.Netlink.AddAddress("eth0", InterfaceAddress.Parse("fd5e:7e57::1/64"));
        return (ns1, ns2);
    }

    [Fact]
    public void AddRoute_ViaGateway_IsListed()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            ns1.Netlink.AddRoute(IPNetwork.Parse("198.18.2.0/24"), IPAddress.Parse("198.18.0.2"), metric: 30);

            RouteInfo route = Assert.Single(
                ns1.Netlink.GetRoutes(AddressFamily.InterNetwork),
                r => r.Destination == IPNetwork.Parse("198.18.2.0/24"));
            Assert.Equal(IPAddress.Parse("198.18.0.2"), route.Gateway);
            Assert.Equal(ns1.Netlink.GetLink("eth0")!.Index, route.OutputInterfaceIndex);
            Assert.Equal(30, route.Metric);
            Assert.Equal(254, route.Table);
            Assert.Equal(4, route.Protocol);
            Assert.False(route.IsDefault);
        }
    }

    [Fact]
    public void AddRoute_DefaultBothFamilies_IsListed()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            ns1.Netlink.AddRoute(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("198.18.0.2"));
            ns1.Netlink.AddRoute(IPNetwork.Parse("::/0"), IPAddress.Parse("fd5e:7e57::2"), "eth0", metric: 50);

            IReadOnlyList<RouteInfo> routes = ns1.Netlink.GetRoutes();
            RouteInfo v4 = Assert.Single(routes, r => r.IsDefault && r.AddressFamily == AddressFamily.InterNetwork);
            RouteInfo v6 = Assert.Single(routes, r => r.IsDefault && r.AddressFamily == AddressFamily.InterNetworkV6);
            Assert.Equal(IPAddress.Parse("198.18.0.2"), v4.Gateway);
            Assert.Equal(IPAddress.Parse("fd5e:7e57::2"), v6.Gateway);
            Assert.Equal(50, v6.Metric);
            Assert.Equal("default via 198.18.0.2 dev 2 metric 0", v4.ToString());
        }
    }

    [Fact]
    public void AddRoute_OnLink_HasLinkScope()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            ns1.Netlink.AddRoute(IPNetwork.Parse("198.18.3.0/24"), device: "eth0");

            RouteInfo route = Assert.Single(
                ns1.Netlink.GetRoutes(AddressFamily.InterNetwork),
                r => r.Destination == IPNetwork.Parse("198.18.3.0/24"));
            Assert.Null(route.Gateway);
            Assert.Equal(253, route.Scope);
        }
    }

    [Fact]
    public void DeleteRoute_RemovesIt()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            var v4 = IPNetwork.Parse("198.18.2.0/24");
            var v6 = IPNetwork.Parse("fd5e:7e57:2::/64");
            ns1.Netlink.AddRoute(v4, IPAddress.Parse("198.18.0.2"));
            ns1.Netlink.AddRoute(v6, IPAddress.Parse("fd5e:7e57::2"));

            ns1.Netlink.DeleteRoute(v4, IPAddress.Parse("198.18.0.2"));
            ns1.Netlink.DeleteRoute(v6, IPAddress.Parse("fd5e:7e57::2"));

            IReadOnlyList<RouteInfo> routes = ns1.Netlink.GetRoutes();
            Assert.DoesNotContain(routes, r => r.Destination == v4);
            Assert.DoesNotContain(routes, r => r.Destination == v6);
        }
    }

    [Fact]
    public void GetRoutes_ListsKernelPrefixRoutes()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            IReadOnlyList<RouteInfo> v4 = ns1.Netlink.GetRoutes(AddressFamily.InterNetwork);
            IReadOnlyList<RouteInfo> v6 = ns1.Netlink.GetRoutes(AddressFamily.InterNetworkV6);

            Assert.Contains(v4, r => r.Destination == IPNetwork.Parse("198.18.0.0/24") && r.Protocol == 2);
            Assert.Contains(v6, r => r.Destination == IPNetwork.Parse("fd5e:7e57::/64"));
            Assert.All(v4, r => Assert.Equal(AddressFamily.InterNetwork, r.AddressFamily));
            Assert.All(v6, r => Assert.Equal(AddressFamily.InterNetworkV6, r.AddressFamily));
        }
    }

    [Fact]
    public void AddRoute_UnreachableGateway_ThrowsWithKernelText()
    {
        (NetworkNamespace ns1, NetworkNamespace ns2) = CreatePair();
        using (ns1)
        using (ns2)
        {
            var exception = Assert.Throws<NetlinkException>(
                () => ns1.Netlink.AddRoute(IPNetwork.Parse("198.18.2.0/24"), IPAddress.Parse("198.19.9.9")));

            Assert.Equal("ENETUNREACH", exception.ErrnoName);
            Assert.Equal("Adding route 198.18.2.0/24 via 198.19.9.9", exception.Operation);
            Assert.StartsWith(
                "Adding route 198.18.2.0/24 via 198.19.9.9 in namespace 'ns1' failed: Network is unreachable (ENETUNREACH).",
                exception.Message);
            Assert.NotNull(exception.ExtendedAckMessage);
            Assert.EndsWith($" Kernel: {exception.ExtendedAckMessage}.", exception.Message);
        }
    }

    [Fact]
    public void AddRoute_WithoutGatewayOrDevice_Throws()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("no-next-hop");

        var exception = Assert.Throws<ArgumentException>(() => ns.Netlink.AddRoute(IPNetwork.Parse("198.18.2.0/24")));

        Assert.StartsWith("The route to 198.18.2.0/24 needs a gateway, a device or both.", exception.Message);
    }
}
