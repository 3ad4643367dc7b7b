using System.Net.NetworkInformation;
using Netns.Testing.Netlink;
using Xunit;

namespace Netns.Testing.FluentAssertions.Tests;

/// <summary>
/// Namespaces "client" and "server" joined by a veth with fixed MAC addresses, so link-local
/// addresses and the state dump are the same on every run. The client also has a route to
/// 198.18.2.0/24 via the server, which forwards but has no route there, and a second link, "spare0", that is down with MTU 1400.
/// </summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    private Topology? _topology;

    public Topology Topology => _topology ?? throw new InvalidOperationException("The topology is not built yet.");

    public NetworkNamespace Client => Topology["client"];

    public NetworkNamespace Server => Topology["server"];

    public async Task InitializeAsync()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("client", body: true)
            .AddNamespace("server", options: new NamespaceOptions { IPForwarding = true })
            .AddVeth(new VethSpec(
                new VethEndSpec("client", "eth0") { Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"], MacAddress = "02:00:00:00:00:01" },
                new VethEndSpec("server", "eth0") { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"], MacAddress = "02:00:00:00:00:02" }))
            .AddRoute("client", "198.18.2.0/24", gateway: "198.18.0.2")
            .ToSpec();
        _topology = await Topology.BuildAsync(spec);

        Client.Netlink.CreateVeth("spare0", "spare1", Server, new VethOptions
        {
            Up = false,
            Mtu = 1400,
            MacAddress = PhysicalAddress.Parse("02:00:00:00:00:03"),
            PeerMacAddress = PhysicalAddress.Parse("02:00:00:00:00:04"),
        });
    }

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}
