using Xunit;
namespace Netns.Testing.Tests.Scenarios;

public sealed class ParallelNamespacesTests
{
    [Fact]
    public async Task ThirtyTwoTopologies_InParallel_AreDistinctWithOwnLinks()
    {
        // Each topology has its own ns1 and ns2; each body records its thread's namespace and
        // lists ns1's links, as 32 parallel tests would.
        Task<(ulong BodyInode, ulong Ns1Inode, string[] Links)>[] runs = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            string peer = $"peer{i}";
            TopologySpec spec = new TopologyBuilder()
                .AddNamespace("ns1", body: true)
                .AddNamespace("ns2")
                .AddVeth("ns1", $"veth{i}", $"198.18.{i}.1/24", "ns2", peer, $"198.18.{i}.2/24")
                .ToSpec();
            await using Topology topology = await Topology.BuildAsync(spec);
            ulong bodyInode = 0;
            string[] links = [];
            await topology.RunBodyAsync(() =>
            {
                bodyInode = NamespaceThreads.GetCurrentThreadInode();
                links = topology["ns1"].Netlink.GetLinks().Select(l => l.Name).Order(StringComparer.Ordinal).ToArray();
                return Task.CompletedTask;
            });
            return (bodyInode, topology["ns1"].Inode, links);
        })).ToArray();

        var results = await Task.WhenAll(runs);

        Assert.Equal(32, results.Select(r => r.BodyInode).Distinct().Count());
        Assert.DoesNotContain(HostNamespace.Inode, results.Select(r => r.BodyInode));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(results[i].Ns1Inode, results[i].BodyInode);
            Assert.Equal(["lo", $"veth{i}"], results[i].Links);
        }
    }

    [Fact]
    public async Task SameLogicalNames_InParallel_GetDistinctNamespaces()
    {
        Topology[] topologies = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Topology.BuildAsync(TopologyFixtures.TwoNamespaces())));
        try
        {
            Assert.Equal(4, topologies.Select(t => t["ns1"].Inode).Distinct().Count());
            Assert.All(topologies, t => Assert.NotNull(t["ns1"].Netlink.GetLink("eth0")));
        }
        finally
        {
            foreach (Topology topology in topologies)
            {
                topology.Dispose();
            }
        }
    }
}
