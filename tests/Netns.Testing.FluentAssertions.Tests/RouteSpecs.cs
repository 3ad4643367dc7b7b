using FluentAssertions;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class RouteSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    [Fact]
    public void HaveRouteTo_GatewayAndDevice_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveRouteTo("198.18.2.0/24").Via("198.18.0.2").OnDevice("eth0");

        act.Should().NotThrow();
    }

    [Fact]
    public void HaveRouteTo_ConnectedNetwork_Passes()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().HaveRouteTo("fd5e:7e57::/64").OnDevice("eth0");

        act.Should().NotThrow();
    }

    [Fact]
    public void HaveRouteTo_Missing_Fails()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().HaveRouteTo("198.18.2.0/24", "replies must find their way back");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected server to have a route to 198.18.2.0/24 because replies must find their way back, " +
            "but namespace \"server\" has none." + States.Server);
    }

    [Fact]
    public void HaveRouteTo_Default_MissingFails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveRouteTo("default");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client to have a route to default, but namespace \"client\" has none." + States.Client);
    }

    [Fact]
    public void Via_OtherGateway_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveRouteTo("198.18.2.0/24").Via("198.18.0.3");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected the route to 198.18.2.0/24 in client to go via 198.18.0.3, " +
            "but namespace \"client\" has 198.18.2.0/24 via 198.18.0.2 dev eth0." + States.Client);
    }

    [Fact]
    public void OnDevice_OtherDevice_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveRouteTo("198.18.0.0/24").OnDevice("spare0");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected the route to 198.18.0.0/24 in client to leave through \"spare0\", " +
            "but namespace \"client\" has 198.18.0.0/24 dev eth0." + States.Client);
    }

    [Fact]
    public void NotHaveRouteTo_Missing_Passes()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().NotHaveRouteTo("198.18.2.0/24");

        act.Should().NotThrow();
    }

    [Fact]
    public void NotHaveRouteTo_Present_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotHaveRouteTo("198.18.2.0/24");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client not to have a route to 198.18.2.0/24, " +
            "but namespace \"client\" has 198.18.2.0/24 via 198.18.0.2 dev eth0." + States.Client);
    }

    [Fact]
    public void HaveRouteTo_HostBitsSet_Throws()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveRouteTo("198.18.2.1/24");

        act.Should().Throw<ArgumentException>().WithMessage(
            "'198.18.2.1/24' is not a network; write it as address/prefix with the host bits clear, " +
            "such as 198.18.2.0/24, or as \"default\". (Parameter 'destination')");
    }
}
