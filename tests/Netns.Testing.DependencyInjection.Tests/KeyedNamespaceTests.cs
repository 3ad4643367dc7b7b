using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>Namespaces and socket factories as keyed services.</summary>
public sealed class KeyedNamespaceTests
{
    [Fact]
    public async Task KeyedNamespace_IsTopologyNamespace()
    {
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();
        Topology topology = provider.GetRequiredService<Topology>();

        NetworkNamespace server = provider.GetRequiredKeyedService<NetworkNamespace>("server");
        NetworkNamespace client = provider.GetRequiredKeyedService<NetworkNamespace>("client");

        Assert.Same(topology["server"], server);
        Assert.Same(topology["client"], client);
        Assert.NotEqual(server.Inode, client.Inode);
    }

    [Fact]
    public async Task FromKeyedServices_InjectsNamedNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingleton<Peers>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        Peers peers = provider.GetRequiredService<Peers>();

        Assert.Equal("server", peers.Server.Name);
        Assert.Equal("client", peers.Client.Name);
        Assert.Same(provider.GetRequiredService<Topology>()["server"], peers.Server);
    }

    [Fact]
    public async Task SocketFactory_ListensInItsNamespace()
    {
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();
        INamespaceSocketFactory serverSockets = provider.GetRequiredKeyedService<INamespaceSocketFactory>("server");
        INamespaceSocketFactory clientSockets = provider.GetRequiredKeyedService<INamespaceSocketFactory>("client");

        using Socket listener = serverSockets.Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        using Socket connection = await clientSockets.ConnectAsync(listener.LocalEndPoint!);
        using Socket accepted = await listener.AcceptAsync();

        Assert.Same(provider.GetRequiredService<Topology>()["server"], serverSockets.Namespace);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task SocketFactory_BindsUdpInItsNamespace()
    {
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();
        INamespaceSocketFactory serverSockets = provider.GetRequiredKeyedService<INamespaceSocketFactory>("server");

        // 198.18.0.2 exists only in "server", so binding it anywhere else fails.
        using Socket socket = serverSockets.BindUdp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));

        Assert.Equal(IPAddress.Parse("198.18.0.2"), ((IPEndPoint)socket.LocalEndPoint!).Address);
    }

    [Fact]
    public async Task Topology_BuiltOnceAndSharedByResolves()
    {
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();

        Topology first = await provider.GetNetworkTopologyAsync();
        Topology second = provider.GetRequiredService<Topology>();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task ProviderDispose_OwnedTopology_DisposesNamespaces()
    {
        ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();
        Topology topology = await provider.GetNetworkTopologyAsync();

        await provider.DisposeAsync();

        Assert.True(topology["client"].IsDisposed);
        Assert.True(topology["server"].IsDisposed);
    }

    [Fact]
    public async Task ProviderDispose_CallerTopology_LeavesNamespaces()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);
        ServiceProvider provider = new ServiceCollection().AddNetworkTopology(topology).BuildServiceProvider();
        Assert.Same(topology["server"], provider.GetRequiredKeyedService<NetworkNamespace>("server"));

        await provider.DisposeAsync();

        Assert.False(topology["server"].IsDisposed);
    }

    [Fact]
    public void AddNetworkTopology_InvalidSpec_Throws()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("client")
            .AddVeth("client", "eth0", "198.18.0.1/24", "missing", "eth0", "198.18.0.2/24")
            .ToSpec();

        Assert.Throws<TopologyValidationException>(() => new ServiceCollection().AddNetworkTopology(spec));
    }

    [Fact]
    public void AddNetworkTopology_Twice_Throws()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);

        var error = Assert.Throws<InvalidOperationException>(() => services.AddNetworkTopology(TestTopology.Spec));

        Assert.Equal(
            "A network topology is already registered in this service collection, and a collection can contain only one. Declare every namespace in one topology.",
            error.Message);
    }

    [Fact]
    public async Task AddNetworkTopology_FromAttributes_RegistersDeclaredNamespaces()
    {
        var services = new ServiceCollection().AddNetworkTopology(typeof(Declared).GetMethod(nameof(Declared.Test))!);
        await using ServiceProvider provider = services.BuildServiceProvider();

        NetworkNamespace router = provider.GetRequiredKeyedService<NetworkNamespace>("router");

        Assert.Equal("1", router.ReadSysctl("net.ipv4.ip_forward"));
        Assert.NotNull(router.Netlink.GetLink("eth1"));
    }

    private sealed class Peers([FromKeyedServices("client")] NetworkNamespace client, [FromKeyedServices("server")] NetworkNamespace server)
    {
        public NetworkNamespace Client { get; } = client;

        public NetworkNamespace Server { get; } = server;
    }

    [NetNamespace("host1", Body = true)]
    private sealed class Declared
    {
        [NetNamespace("router", IPForwarding = true)]
        [VethLink("host1", "eth0", "router", "eth1", Address1 = "198.18.4.1/24", Address2 = "198.18.4.2/24")]
        public void Test()
        {
        }
    }
}
