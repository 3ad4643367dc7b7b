using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public sealed class BodyTests
{
    [NetFact]
    public void SyncBody_RunsInBodyNamespace(NetworkNamespace client)
    {
        Assert.Equal(client.Inode, NamespaceThreads.GetCurrentThreadInode());
    }

    [NetFact]
    public async Task AsyncBody_ResumesInBodyNamespace(NetworkNamespace client)
    {
        await Task.Yield();
        Assert.Equal(client.Inode, NamespaceThreads.GetCurrentThreadInode());
        await Task.Delay(10);
        Assert.Equal(client.Inode, NamespaceThreads.GetCurrentThreadInode());
    }

    [NetFact]
    public void Body_IsNotInHostNamespace()
    {
        Assert.False(HostNamespace.IsCurrentThreadInHost);
    }

    [NetFact]
    public void NamespaceParameters_MatchByName(NetworkNamespace server, NetworkNamespace client, Topology topology)
    {
        Assert.Same(topology["server"], server);
        Assert.Same(topology["client"], client);
        Assert.NotEqual(client.Inode, server.Inode);
    }

    [NetFact]
    public void TopologyCurrent_IsTheTestsTopology(Topology topology)
    {
        Assert.Same(topology, Topology.Current);
    }

    [NetFact]
    public async Task TopologyCurrent_FlowsIntoTaskRun(Topology topology)
    {
        Topology? seen = await Task.Run(() => Topology.Current);
        Assert.Same(topology, seen);
    }

    [NetFact]
    public async Task ValueTaskBody_IsAwaited(NetworkNamespace server)
    {
        await ListenAndConnectAsync(server);
    }

    [NetFact]
    [NetNamespace("third")]
    public void MethodDeclarations_AddToClassDeclarations(Topology topology, NetworkNamespace third)
    {
        Assert.Equal(3, topology.Namespaces.Count);
        Assert.Equal("third", third.Name);
    }

    [NetTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void InlineDataRow_GetsFreshTopology(int row, NetworkNamespace client = null!)
    {
        Assert.True(row > 0);
        Assert.Equal(client.Inode, NamespaceThreads.GetCurrentThreadInode());
        Assert.Null(client.Netlink.GetLink("row-marker"));
        client.Netlink.CreateVeth("row-marker", "row-peer", client);
    }

    public static TheoryData<string, int> Endpoints => new() { { "198.18.0.2", 1 }, { "198.18.0.2", 2 } };

    [NetTheory]
    [MemberData(nameof(Endpoints))]
    public async Task MemberDataRow_ReachesServer(string address, int attempt, NetworkNamespace server = null!)
    {
        Assert.True(attempt > 0);
        await ListenAndConnectAsync(server, IPAddress.Parse(address));
    }

    [NetTheory]
    [ClassData(typeof(PortData))]
    public void ClassDataRow_RunsInBodyNamespace(int port, NetworkNamespace client = null!)
    {
        Assert.True(port > 0);
        Assert.Equal(client.Inode, NamespaceThreads.GetCurrentThreadInode());
    }

    private static async ValueTask ListenAndConnectAsync(NetworkNamespace server, IPAddress? address = null)
    {
        address ??= IPAddress.Parse("198.18.0.2");
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using Socket accepted = await listener.AcceptAsync();
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Address, IPAddress.Parse("198.18.0.1"));
    }

    public sealed class PortData : TheoryData<int>
    {
        public PortData()
        {
            Add(80);
            Add(443);
        }
    }
}
