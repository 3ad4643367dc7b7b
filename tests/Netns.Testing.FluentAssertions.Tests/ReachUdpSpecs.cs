using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class ReachUdpSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ReachUdp_Responder_PassesWithResponse()
    {
        using Socket responder = Bind(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        Task replying = ReplyOnceAsync(responder, [0x6f, 0x6b]);
        NetworkNamespace client = fixture.Client;

        byte[] response = client.Should().ReachUdp((IPEndPoint)responder.LocalEndPoint!, [1, 2, 3]).Which;

        response.Should().Equal(0x6f, 0x6b);
        await replying;
    }

    [Fact]
    public void ReachUdp_ClosedPort_FailsWithRefused()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachUdp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 53), [1, 2, 3, 4]);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to get a UDP response from 198.18.0.2:53 to a request of 4 bytes within 2s, " +
            "but the request from namespace \"client\" failed with ConnectionRefused (Connection refused)." + States.Client);
    }

    [Fact]
    public void ReachUdp_SilentSocket_FailsWithNoResponse()
    {
        using Socket silent = Bind(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5301));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachUdp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5301), [1], s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to get a UDP response from 198.18.0.2:5301 to a request of 1 byte within 300ms, " +
            "but namespace \"client\" got no response." + States.Client);
    }

    [Fact]
    public void NotReachUdp_SilentSocket_Passes()
    {
        using Socket silent = Bind(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5302));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReachUdp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5302), [1], s_short);

        act.Should().NotThrow();
    }

    [Fact]
    public async Task NotReachUdp_Responder_FailsWithResponse()
    {
        using Socket responder = Bind(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5303));
        Task replying = ReplyOnceAsync(responder, [1, 2]);
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReachUdp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 5303), [9]);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client not to get a UDP response from 198.18.0.2:5303 to a request of 1 byte within 2s, " +
            "but namespace \"client\" got a response of 2 bytes." + States.Client);
        await replying;
    }

    private static Socket Bind(NetworkNamespace ns, IPEndPoint endPoint)
    {
        Socket socket = ns.CreateSocket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(endPoint);
        return socket;
    }

    private static async Task ReplyOnceAsync(Socket socket, byte[] response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[64];
        SocketReceiveFromResult request = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        await socket.SendToAsync(response, request.RemoteEndPoint, timeout.Token);
    }
}
