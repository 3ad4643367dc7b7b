using System.Net;
using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

[NetNamespace("ns1")]
internal sealed class NamedTests
{
    // IPAddress does not serialize, so xunit enumerates these rows when the test runs.
    public static IEnumerable<object[]> Addresses => [[IPAddress.Parse("198.18.0.1")], [IPAddress.Parse("198.18.0.2")]];

    [NetFact]
    public void Fact(NetworkNamespace ns1, Topology topology) => Assert.Same(topology["ns1"], ns1);

    [NetTheory]
    [InlineData(1)]
    public void InlineRow(int value, NetworkNamespace ns1 = null!) => Assert.Equal(
        ns1.Inode,
        NamespaceThreads.GetCurrentThreadInode() + (ulong)value - 1);

    [NetTheory]
    [MemberData(nameof(Addresses))]
    public void LateRow(IPAddress address, NetworkNamespace ns1 = null!)
    {
        Assert.NotNull(address);
        Recorder.Add("names/late", ns1.Inode);
    }
}
