using Xunit;
using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.Tests.Scenarios;

// IPv6 addresses must be usable by the body's first statement: no tentative address, no
// neighbour-discovery stall.
public sealed class IPv6ReadyTests
{
    [Fact]
    public async Task FirstStatementBindsAndPeerConnects()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        using Socket listener = topology["ns2"].Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("fd5e:7e57::2"), 0));
            socket.Listen();
            return socket;
        });

        await topology.RunBodyAsync(async () =>
        {
            using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(listener.LocalEndPoint!, timeout.Token);
            Assert.True(client.Connected);
        });
    }

    [Fact]
    public async Task DatagramToPeerLinkLocal_WithScopeId_Arrives()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        Netlink.AddressInfo peerLinkLocal = Assert.Single(
            topology["ns2"].Netlink.GetAddresses("eth0"), a => a.IPAddress.IsIPv6LinkLocal);
        Assert.False(peerLinkLocal.IsTentative);
        using Socket receiver = topology["ns2"].CreateSocket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(peerLinkLocal.IPAddress, 0));
        int port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

        await topology.RunBodyAsync(async () =>
        {
            int scope = topology["ns1"].Netlink.GetLink("eth0")!.Index;
            var target = new IPAddress(peerLinkLocal.IPAddress.GetAddressBytes(), scope);
            using var sender = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            await sender.SendToAsync(new byte[] { 42 }, new IPEndPoint(target, port));
        });

        var buffer = new byte[4];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        int received = await receiver.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(1, received);
        Assert.Equal(42, buffer[0]);
    }

    [Fact]
    public async Task SameAddressOnBothEnds_RejectedBeforeCreation()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("ns1", body: true)
            .AddNamespace("ns2")
            .AddVeth("ns1", "eth0", "fd5e:7e57::1/64", "ns2", "eth0", "fd5e:7e57::1/64")
            .ToSpec();

        TopologyValidationException error = await Assert.ThrowsAsync<TopologyValidationException>(() => Topology.BuildAsync(spec));

        TopologyProblem problem = Assert.Single(error.Problems);
        Assert.Equal("'fd5e:7e57::1/64'", problem.Value);
        Assert.Equal("each address must be assigned once in the topology, and fd5e:7e57::1 is already on ns1/eth0", problem.Rule);
    }
}
