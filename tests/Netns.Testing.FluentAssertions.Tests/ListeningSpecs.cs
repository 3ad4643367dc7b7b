using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class ListeningSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    [Fact]
    public void BeListeningOn_TcpListener_Passes()
    {
        using Socket listener = Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7101));
        NetworkNamespace server = fixture.Server;

        IReadOnlyList<IPEndPoint> endPoints = server.Should().BeListeningOn(7101).Which;

        endPoints.Should().Equal(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7101));
    }

    [Fact]
    public void BeListeningOn_IPv6AnyListener_Passes()
    {
        using Socket listener = Listen(new IPEndPoint(IPAddress.IPv6Any, 7102));
        NetworkNamespace server = fixture.Server;

        IReadOnlyList<IPEndPoint> endPoints = server.Should().BeListeningOn(7102, ProtocolType.Tcp).Which;

        endPoints.Should().Equal(new IPEndPoint(IPAddress.IPv6Any, 7102));
    }

    [Fact]
    public void BeListeningOn_UdpSocket_Passes()
    {
        using Socket socket = fixture.Server.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7103));
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().BeListeningOn(7103, ProtocolType.Udp);

        act.Should().NotThrow();
    }

    [Fact]
    public void BeListeningOn_ListenerInOtherNamespace_Fails()
    {
        using Socket listener = Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7104));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().BeListeningOn(7104, because: "the client serves too");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to be listening on TCP port 7104 because the client serves too, " +
            "but namespace \"client\" has no listening TCP socket." + States.Client);
    }

    [Fact]
    public void BeListeningOn_OtherPort_FailsListingListeners()
    {
        using Socket listener = Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7105));
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().BeListeningOn(7106);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected server to be listening on TCP port 7106, but namespace \"server\" listens on only 198.18.0.2:7105." + States.Server);
    }

    [Fact]
    public void BeListeningOn_UdpNone_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().BeListeningOn(53, ProtocolType.Udp);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to be listening on UDP port 53, but namespace \"client\" has no bound UDP socket." + States.Client);
    }

    [Fact]
    public void NotBeListeningOn_NoListener_Passes()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().NotBeListeningOn(7107);

        act.Should().NotThrow();
    }

    [Fact]
    public void NotBeListeningOn_Listener_Fails()
    {
        using Socket listener = Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7108));
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().NotBeListeningOn(7108);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected server not to be listening on TCP port 7108, but namespace \"server\" listens on 198.18.0.2:7108." + States.Server);
    }

    private Socket Listen(IPEndPoint endPoint)
    {
        Socket listener = fixture.Server.CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endPoint);
        listener.Listen();
        return listener;
    }
}
