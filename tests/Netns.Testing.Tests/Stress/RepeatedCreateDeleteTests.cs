using Xunit;
using System.Diagnostics;
using Netns.Testing.Tests.Support;

namespace Netns.Testing.Tests.Stress;

// The namespace count is machine-wide, so these run alone after the parallel tests, and the
// test command runs one test assembly at a time.
[Collection(KernelCountersCollection.Name)]
public sealed class RepeatedCreateDeleteTests
{
    private static readonly TimeSpan s_cleanupWait = TimeSpan.FromSeconds(10);

    [Fact]
    public void CreateDispose_200Cycles_ReturnsToBaseline()
    {
        HostNamespace.EnsureInitialized();
        int baseline = NamespaceCounter.CountSettled();

        for (int i = 0; i < 200; i++)
        {
            using NetworkNamespace ns = NetworkNamespace.Create("ns1");
        }

        Assert.InRange(NamespaceCounter.WaitForAtMost(baseline, s_cleanupWait), 0, baseline);
    }

    [Fact]
    public async Task BodyStartsChild_200Iterations_ChildStoppedAndBaseline()
    {
        HostNamespace.EnsureInitialized();
        int baseline = NamespaceCounter.CountSettled();
        TopologySpec spec = new TopologyBuilder().AddNamespace("ns1").ToSpec();
        var children = new List<Process>();

        for (int i = 0; i < 200; i++)
        {
            await using Topology topology = await Topology.BuildAsync(spec);
            topology["ns1"].ProcessStopTimeout = TimeSpan.FromMilliseconds(500);
            await topology.RunBodyAsync(() =>
            {
                // The body returns while its child still runs; teardown must stop it.
                children.Add(topology["ns1"].StartProcess(new ProcessStartInfo("sleep", "30")));
                return Task.CompletedTask;
            });
        }

        Assert.Equal(200, children.Count);
        Assert.All(children, child => Assert.True(child.HasExited, $"child {child.Id} still runs"));
        Assert.InRange(NamespaceCounter.WaitForAtMost(baseline, s_cleanupWait), 0, baseline);
    }

    [Fact]
    public async Task FailedBuilds_RemoveWhatTheyCreated()
    {
        HostNamespace.EnsureInitialized();
        int baseline = NamespaceCounter.CountSettled();
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("ns1", body: true)
            .AddNamespace("ns2")
            .AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", "198.18.0.2/24")
            .AddRoute("ns1", "198.18.5.0/24", gateway: "198.18.9.9")
            .ToSpec();

        for (int i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<TopologyBuildException>(() => Topology.BuildAsync(spec));
        }

        Assert.InRange(NamespaceCounter.WaitForAtMost(baseline, s_cleanupWait), 0, baseline);
    }
}
