using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Netns.Testing.Tests.Scenarios;

// Forwarding between namespaces depends on the router namespace's own ip_forward, whatever the
// host's value is, and the host's value never changes.
public sealed class ForwardingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientRouterServer_ForwardsOnlyWhenEnabled(bool forwarding)
    {
        string hostForwarding = HostNamespace.Run(() => File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("client", body: true)
            .AddNamespace("router", options: new NamespaceOptions { IPForwarding = forwarding })
            .AddNamespace("server")
            .AddVeth("client", "eth0", "198.18.1.2/24", "router", "eth0", "198.18.1.1/24")
            .AddVeth("router", "eth1", "198.18.2.1/24", "server", "eth0", "198.18.2.2/24")
            .AddRoute("client", "198.18.2.0/24", gateway: "198.18.1.1")
            .AddRoute("server", "198.18.1.0/24", gateway: "198.18.2.1")
            .ToSpec();
        using Topology topology = await Topology.BuildAsync(spec);
        using Socket listener = topology["server"].CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.2.2"), 0));
        listener.Listen();

        SocketError result = await topology["client"].RunAsync(async () =>
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // A router without forwarding drops the SYN, so a short bound makes the failure quick.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await client.ConnectAsync(listener.LocalEndPoint!, timeout.Token);
                return SocketError.Success;
            }
            catch (SocketException e)
            {
                return e.SocketErrorCode;
            }
            catch (OperationCanceledException)
            {
                return SocketError.TimedOut;
            }
        });

        if (forwarding)
        {
            Assert.Equal(SocketError.Success, result);
        }
        else
        {
            Assert.Contains(result, new[] { SocketError.TimedOut, SocketError.HostUnreachable, SocketError.NetworkUnreachable });
        }

        Assert.Equal(forwarding ? "1" : "0", topology["router"].ReadSysctl("net.ipv4.ip_forward"));
        Assert.Equal(hostForwarding, HostNamespace.Run(() => File.ReadAllText("/proc/sys/net/ipv4/ip_forward")));
    }
}
