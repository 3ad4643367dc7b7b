using System.Net;
using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class ReachSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void Reach_PeerAddress_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().Reach(IPAddress.Parse("198.18.0.2"));

        act.Should().NotThrow();
    }

    [Fact]
    public void Reach_PeerIPv6Address_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().Reach(IPAddress.Parse("fd5e:7e57::2"));

        act.Should().NotThrow();
    }

    [Fact]
    public void Reach_AbsentHost_FailsWithNoReply()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().Reach(IPAddress.Parse("198.18.0.9"), s_short, "the {0} answers pings", "peer");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.18.0.9 by ICMP echo within 300ms because the peer answers pings, " +
            "but namespace \"client\" got no echo reply." + States.Client);
    }

    [Fact]
    public void Reach_NoRoute_FailsWithNetworkUnreachable()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().Reach(IPAddress.Parse("198.19.9.9"), s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.19.9.9 by ICMP echo within 300ms, but the echo request from namespace \"client\" " +
            "failed with NetworkUnreachable (Network is unreachable 198.19.9.9:0)." + States.Client);
    }

    [Fact]
    public void Reach_GatewayHasNoRoute_FailsWithUnreachable()
    {
        NetworkNamespace client = fixture.Client;

        // The route to 198.18.2.0/24 goes through "server", which forwards but has no route
        // onwards. It sends back ICMP network unreachable, and the ICMP socket reports that error.
        Action act = () => client.Should().Reach(IPAddress.Parse("198.18.2.5"), s_short);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to reach 198.18.2.5 by ICMP echo within 300ms, " +
            "but the echo request from namespace \"client\" failed with NetworkUnreachable (Network is unreachable)." + States.Client);
    }

    [Fact]
    public void NotReach_AbsentHost_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReach(IPAddress.Parse("198.18.0.9"), s_short);

        act.Should().NotThrow();
    }

    [Fact]
    public void NotReach_PeerAddress_FailsWithReply()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotReach(IPAddress.Parse("198.18.0.2"), because: "the peer drops pings");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client not to reach 198.18.0.2 by ICMP echo within 2s because the peer drops pings, " +
            "but namespace \"client\" got an echo reply from 198.18.0.2." + States.Client);
    }

    [Fact]
    public void Reach_NullNamespace_Fails()
    {
        NetworkNamespace missing = null!;

        Action act = () => missing.Should().Reach(IPAddress.Parse("198.18.0.2"));

        act.Should().Throw<XunitException>().WithMessage(
            "Expected missing to reach 198.18.0.2 by ICMP echo within 2s, but found <null>.");
    }

    [Fact]
    public void Reach_DisposedNamespace_Fails()
    {
        NetworkNamespace gone = NetworkNamespace.Create("gone");
        gone.Dispose();

        Action act = () => gone.Should().Reach(IPAddress.Parse("198.18.0.2"));

        act.Should().Throw<XunitException>().WithMessage(
            "Expected gone to reach 198.18.0.2 by ICMP echo within 2s, but namespace \"gone\" was disposed.");
    }

    [Fact]
    public async Task Reach_FromOwnNamespaceThread_ProbesWithoutDeadlock()
    {
        NetworkNamespace client = fixture.Client;

        // A test body runs on the namespace thread; the probe must not wait for that thread.
        Func<Task> act = () => client.RunAsync(() =>
        {
            client.Should().Reach(IPAddress.Parse("198.18.0.2")).And.ReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 9), s_short);
            return Task.CompletedTask;
        });

        // Called on another thread from a lambda, FluentAssertions cannot find the caller's
        // expression and names the subject by the assertion's fallback, "namespace".
        (await act.Should().ThrowAsync<XunitException>()).WithMessage(
            "Expected namespace to reach 198.18.0.2:9 by TCP within 300ms, " +
            "but connecting from namespace \"client\" failed with ConnectionRefused (Connection refused)." + States.Client);
    }
}
