using Xunit;
namespace Netns.Testing.Tests.Scenarios;

/// <summary>Topologies the scenario tests share, on 198.18.0.0/15 and fd5e:7e57::/48.</summary>
internal static class TopologyFixtures
{
    /// <summary>ns1 (body) and ns2 joined by a veth with an IPv4 and an IPv6 address on each end.</summary>
    public static TopologySpec TwoNamespaces(string interface1 = "eth0", string interface2 = "eth0") => new TopologyBuilder()
        .AddNamespace("ns1", body: true)
        .AddNamespace("ns2")
        .AddVeth(new VethSpec(
            new VethEndSpec("ns1", interface1) { Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"] },
            new VethEndSpec("ns2", interface2) { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"] }))
        .ToSpec();
}
