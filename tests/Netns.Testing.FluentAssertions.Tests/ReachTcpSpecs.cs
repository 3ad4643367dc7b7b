using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class ReachTcpSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void ReachTcp_Listener_Passes()
    {
        using Socket listener = Listen(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachTcp((IPEndPoint)listener.LocalEndPoint!);

        act.Should().NotThrow();
    }

    [Fact]
    public void ReachTcp_IPv6Listener_Passes()
    {
        using Socket listener = Listen(fixture.Server, new IPEndPoint(IPAddress.Parse("fd5e:7e57::2"), 0));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachTcp((IPEndPoint)listener.LocalEndPoint!);

        act.Should().NotThrow();
    }

    [Fact]
    public void ReachTcp_NoListener_FailsWithRefused()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007), because: "the server listens");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.18.0.2:7007 by TCP within 2s because the server listens, " +
            "but connecting from namespace \"client\" failed with ConnectionRefused (Connection refused)." + States.Client);
    }

    [Fact]
    public void ReachTcp_AbsentHost_FailsWithTimeout()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.9"), 80), s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.18.0.9:80 by TCP within 300ms, " +
            "but connecting from namespace \"client\" timed out." + States.Client);
    }

    [Fact]
    public void ReachTcp_NoRoute_FailsWithNetworkUnreachable()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().ReachTcp(new IPEndPoint(IPAddress.Parse("198.19.9.9"), 80), s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.19.9.9:80 by TCP within 300ms, " +
            "but connecting from namespace \"client\" failed with NetworkUnreachable (Network is unreachable)." + States.Client);
    }

    [Fact]
    public void NotReachTcp_NoListener_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007));

        act.Should().NotThrow();
    }

    [Fact]
    public void NotReachTcp_Listener_FailsWithEstablished()
    {
        using Socket listener = Listen(fixture.Server, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7008));
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7008), s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client not to reach 198.18.0.2:7008 by TCP within 300ms, " +
            "but a connection from namespace \"client\" was established." + States.Client);
    }

    private static Socket Listen(NetworkNamespace ns, IPEndPoint endPoint)
    {
        Socket listener = ns.CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endPoint);
        listener.Listen();
        return listener;
    }
}
