namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>The topology the tests share: namespaces "client" and "server" joined by a veth.</summary>
public static class TestTopology
{
    public static TopologySpec Spec => new TopologyBuilder()
        .AddNamespace("client", body: true)
        .AddNamespace("server")
        .AddVeth("client", "eth0", "198.18.0.1/24", "server", "eth0", "198.18.0.2/24")
        .ToSpec();
}
