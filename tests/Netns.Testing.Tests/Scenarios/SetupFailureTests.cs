using Xunit;
namespace Netns.Testing.Tests.Scenarios;

// Setup that fails half way must remove everything it built and leave the host untouched.
public sealed class SetupFailureTests
{
    [Fact]
    public async Task InvalidDeclarations_FailBeforeAnythingIsCreated()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("ns1", body: true)
            .AddNamespace("ns2")
            .AddVeth("ns1", "abcdefghijklmnop", "198.18.0.1/33", "ns2", "eth0", "198.18.0.2/24")
            .AddVeth("ns1", "eth1", null, "ns2", "eth0", null)
            .ToSpec();

        TopologyValidationException error = await Assert.ThrowsAsync<TopologyValidationException>(() => Topology.BuildAsync(spec));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("[VethLink(\"ns1\", \"abcdefghijklmnop\", \"ns2\", \"eth0\")]: 'abcdefghijklmnop': an interface name is at most 15 bytes (IFNAMSIZ), and this one is 16.", error.Message);
        Assert.Contains("[VethLink(\"ns1\", \"abcdefghijklmnop\", \"ns2\", \"eth0\")]: '198.18.0.1/33': an IPv4 prefix length is 0 to 32.", error.Message);
        Assert.Contains("[VethLink(\"ns1\", \"eth1\", \"ns2\", \"eth0\")]: 'eth0': interface names must be unique within namespace 'ns2'.", error.Message);
    }

    [Fact]
    public async Task KernelRejectsStep_RemovesEverythingAndNamesStep()
    {
        // The route's gateway is not on any link, which the kernel rejects with ENETUNREACH
        // after both namespaces and the veth exist.
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("ns1", body: true)
            .AddNamespace("ns2")
            .AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", "198.18.0.2/24")
            .AddRoute("ns1", "198.18.5.0/24", gateway: "198.18.9.9")
            .ToSpec();

        TopologyBuildException error = await Assert.ThrowsAsync<TopologyBuildException>(() => Topology.BuildAsync(spec));

        Assert.Equal("Adding route 198.18.5.0/24 via 198.18.9.9 in namespace 'ns1'", error.Step);
        Assert.StartsWith(
            "Building the network topology failed at step 'Adding route 198.18.5.0/24 via 198.18.9.9 in namespace 'ns1'', " +
            "and everything built before it was removed: Adding route", error.Message);
        var netlink = Assert.IsType<Netlink.NetlinkException>(error.InnerException);
        Assert.Equal("ENETUNREACH", netlink.ErrnoName);
    }

    [Fact]
    public async Task VethNameTakenInPeer_FailsWithErrnoAndRollsBack()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("ns1", body: true)
            .AddNamespace("ns2")
            .AddVeth("ns1", "eth0", null, "ns2", "eth0", null)
            .ToSpec();
        using Topology first = await Topology.BuildAsync(spec);
        using NetworkNamespace other = NetworkNamespace.Create("other");

        // Creating a second pair whose peer name is taken in the peer namespace fails with EEXIST.
        var error = Assert.Throws<Netlink.NetlinkException>(() => other.Netlink.CreateVeth("eth0", "eth0", first["ns2"]));

        Assert.Equal("Creating veth 'eth0' (peer 'eth0' in namespace 'ns2') in namespace 'other' failed: File exists (EEXIST).", error.Message.Split(" Kernel:")[0].TrimEnd('.') + ".");
        Assert.Equal("EEXIST", error.ErrnoName);
        Assert.Null(other.Netlink.GetLink("eth0"));
    }
}
