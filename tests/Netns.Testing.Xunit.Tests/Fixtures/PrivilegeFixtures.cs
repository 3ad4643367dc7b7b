using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

internal sealed class NeedsPrivileges
{
    [NetFact]
    [NetNamespace("ns1")]
    public void Fact()
    {
    }

    [NetTheory]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [InlineData(1)]
    public void Theory(int value, NetworkNamespace server = null!)
    {
        Assert.Equal(1, value);
        Assert.NotNull(server);
    }

    [NetFact]
    [NetNamespace("ns1")]
    [VethLink("ns1", "sixteen-bytes-xx", "ns1", "eth1")]
    public void Invalid()
    {
    }

    [Fact]
    public void HostTest()
    {
    }
}
