using Xunit;

namespace Netns.Testing.Tests;

public sealed class TopologySyncBuildTests
{
    [Fact]
    public async Task Build_OnNamespaceThread_Completes()
    {
        using NetworkNamespace other = NetworkNamespace.Create("other");
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("client", body: true)
            .AddNamespace("server")
            .AddVeth("client", "eth0", "198.18.0.1/24", "server", "eth0", "198.18.0.2/24")
            .ToSpec();

        // Build blocks this namespace thread, so BuildAsync must not resume on it.
        Task<Topology> building = Task.Run(() => other.Run(() => Topology.Build(spec)));
        using Topology topology = await building.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, topology.Namespaces.Count);
    }
}
