using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Kernel;

public class TopologyBuildTests
{
    private static TopologySpec TwoNamespaces() => new TopologyBuilder()
        .AddNamespace("client", body: true)
        .AddNamespace("server")
        .AddVeth(new VethSpec(
            new VethEndSpec("client", "eth0") { Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"] },
            new VethEndSpec("server", "eth0") { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"] }))
        .AddRoute("client", "198.18.2.0/24", gateway: "198.18.0.2")
        .ToSpec();

    [Fact]
    public async Task BuildAsync_CreatesDeclaredTopology()
    {
        await using Topology topology = await Topology.BuildAsync(TwoNamespaces());

        Assert.True(HostNamespace.IsCurrentThreadInHost);
        Assert.Equal("client", topology.BodyNamespace.Name);
        Assert.Equal(2, topology.Namespaces.Count);
        Assert.NotEqual(topology["client"].Inode, topology["server"].Inode);
        Assert.True(topology["client"].Netlink.GetLink("eth0")!.IsUp);
        Assert.Contains(
            topology["server"].Netlink.GetAddresses("eth0"),
            a => a.Address == InterfaceAddress.Parse("198.18.0.2/24"));
        Assert.Contains(topology["client"].Netlink.GetRoutes(), r => r.Destination == IPNetwork.Parse("198.18.2.0/24"));
    }

    [Fact]
    public async Task BuildAsync_Ipv6ReadyAtOnce()
    {
        await using Topology topology = await Topology.BuildAsync(TwoNamespaces());
        using Socket listener = topology["server"].CreateSocket(
            AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("fd5e:7e57::2"), 0));
        listener.Listen();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using Socket connection = await topology["client"].ConnectAsync(listener.LocalEndPoint!, timeout.Token);
        using Socket accepted = await listener.AcceptAsync(timeout.Token);

        Assert.Equal(IPAddress.Parse("fd5e:7e57::1"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task RunBodyAsync_RunsInBodyWithCurrent()
    {
        await using Topology topology = await Topology.BuildAsync(TwoNamespaces());
        ulong inode = 0;
        Topology? current = null;

        await topology.RunBodyAsync(async () =>
        {
            await Task.Yield();
            inode = NamespaceThreads.GetCurrentThreadInode();
            current = Topology.Current;
        });

        Assert.Equal(topology["client"].Inode, inode);
        Assert.Same(topology, current);
        Assert.Null(Topology.Current);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    [Fact]
    public async Task Dispose_DisposesNamespaces()
    {
        Topology topology = await Topology.BuildAsync(TwoNamespaces());
        NetworkNamespace[] namespaces = [.. topology.Namespaces.Values];

        await topology.DisposeAsync();

        Assert.All(namespaces, ns => Assert.True(ns.IsDisposed));
    }

    [Fact]
    public async Task Indexer_UnknownName_Throws()
    {
        await using Topology topology = await Topology.BuildAsync(TwoNamespaces());

        var exception = Assert.Throws<KeyNotFoundException>(() => topology["router"]);

        Assert.Equal("No namespace named 'router' was declared; the declared ones are 'client', 'server'.", exception.Message);
    }

    [Fact]
    public async Task BuildAsync_InvalidSpec_CreatesNothing()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("a").AddNamespace("a").ToSpec();

        var exception = await Assert.ThrowsAsync<TopologyValidationException>(() => Topology.BuildAsync(spec));

        Assert.Equal("each namespace name must be declared once", Assert.Single(exception.Problems).Rule);
    }
}
