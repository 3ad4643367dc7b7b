using Xunit;
namespace Netns.Testing.Tests.Scenarios;

public sealed class ParallelNamespacesTests
{
    [Fact]
    public async Task ThirtyTwoTopologies_InParallel_AreDistinctWithOwnLinks()
    {
        // Each topology has its own ns1 and ns2, built in parallel as 32 parallel tests would
        // build them. All stay alive until the checks: the kernel reuses a freed namespace's inode.
        Topology[] topologies = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => Topology.BuildAsync(
            new TopologyBuilder()
                .AddNamespace("ns1", body: true)
                .AddNamespace("ns2")
                .AddVeth("ns1", $"veth{i}", $"198.18.{i}.1/24", "ns2", $"peer{i}", $"198.18.{i}.2/24")
                .ToSpec()))));
        try
        {
            // Each body records its thread's namespace and lists ns1's links.
            (ulong BodyInode, string[] Links)[] results = await Task.WhenAll(topologies.Select(async topology =>
            {
                ulong bodyInode = 0;
                string[] links = [];
                await topology.RunBodyAsync(() =>
                {
                    bodyInode = NamespaceThreads.GetCurrentThreadInode();
                    links = topology["ns1"].Netlink.GetLinks().Select(l => l.Name).Order(StringComparer.Ordinal).ToArray();
                    return Task.CompletedTask;
                });
                return (bodyInode, links);
            }));

            Assert.Equal(32, results.Select(r => r.BodyInode).Distinct().Count());
            Assert.DoesNotContain(HostNamespace.Inode, results.Select(r => r.BodyInode));
            for (int i = 0; i < results.Length; i++)
            {
                Assert.Equal(topologies[i]["ns1"].Inode, results[i].BodyInode);
                Assert.Equal(["lo", $"veth{i}"], results[i].Links);
            }
        }
        finally
        {
            foreach (Topology topology in topologies)
            {
                topology.Dispose();
            }
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
