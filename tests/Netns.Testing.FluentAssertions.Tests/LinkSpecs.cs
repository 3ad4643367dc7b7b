using FluentAssertions;
using FluentAssertions.Execution;
using Xunit;
using Xunit.Sdk;

namespace Netns.Testing.FluentAssertions.Tests;

public sealed class LinkSpecs(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    [Fact]
    public void HaveLink_UpLinkWithItsSettings_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("eth0").ThatIsUp().WithMtu(1500).WithAddress("198.18.0.1/24").WithAddress("fd5e:7e57::1/64");

        act.Should().NotThrow();
    }

    [Fact]
    public void HaveLink_DownLink_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("spare0").ThatIsDown().WithMtu(1400);

        act.Should().NotThrow();
    }

    [Fact]
    public void HaveLink_Which_IsTheKernelsLink()
    {
        NetworkNamespace client = fixture.Client;

        string? kind = client.Should().HaveLink("eth0").Which.Kind;

        kind.Should().Be("veth");
    }

    [Fact]
    public void HaveLink_Missing_Fails()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () => server.Should().HaveLink("eth9", "the {0} has a second uplink", "server");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected server to have link \"eth9\" because the server has a second uplink, " +
            "but namespace \"server\" has no such link." + States.Server);
    }

    [Fact]
    public void ThatIsUp_DownLink_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("spare0").ThatIsUp();

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"spare0\" of client to be up, but it is DOWN, state down." + States.Client);
    }

    [Fact]
    public void ThatIsDown_UpLink_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("eth0").ThatIsDown("it was shut down");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"eth0\" of client to be down because it was shut down, but it is UP, state up." + States.Client);
    }

    [Fact]
    public void WithMtu_Different_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("eth0").WithMtu(1400);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"eth0\" of client to have MTU 1400, but it has MTU 1500." + States.Client);
    }

    [Fact]
    public void WithAddress_Missing_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("eth0").WithAddress("198.18.0.5/24");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"eth0\" of client to have address 198.18.0.5/24, " +
            "but it has 198.18.0.1/24, fd5e:7e57::1/64, fe80::ff:fe00:1/64." + States.Client);
    }

    [Fact]
    public void WithAddress_OtherPrefixLength_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("eth0").WithAddress("198.18.0.1/16");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"eth0\" of client to have address 198.18.0.1/16, " +
            "but it has 198.18.0.1/24, fd5e:7e57::1/64, fe80::ff:fe00:1/64." + States.Client);
    }

    [Fact]
    public void WithAddress_LinkWithoutAddress_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().HaveLink("spare0").WithAddress("198.18.3.1/24");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected link \"spare0\" of client to have address 198.18.3.1/24, but it has no address." + States.Client);
    }

    [Fact]
    public void NotHaveLink_Missing_Passes()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotHaveLink("eth9");

        act.Should().NotThrow();
    }

    [Fact]
    public void NotHaveLink_Present_Fails()
    {
        NetworkNamespace client = fixture.Client;

        Action act = () => client.Should().NotHaveLink("eth0");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected client not to have link \"eth0\", " +
            "but namespace \"client\" has link eth0 (veth): UP, state up, mtu 1500, 02:00:00:00:00:01." + States.Client);
    }

    [Fact]
    public void HaveLink_MissingInScope_FailsOnce()
    {
        NetworkNamespace server = fixture.Server;

        Action act = () =>
        {
            using var scope = new AssertionScope();
            server.Should().HaveLink("eth9").ThatIsUp().WithMtu(9000);
        };

        act.Should().Throw<XunitException>().WithMessage(
            "Expected server to have link \"eth9\", but namespace \"server\" has no such link." + States.Server + Environment.NewLine);
    }
}
