using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing.Tests.Scenarios;
using Netns.Testing.Tests.Support;

namespace Netns.Testing.Tests.Stress;

// A lost first packet or a neighbour-discovery stall shows up as a connect of about a second,
// far above the 100 ms bound; a ready topology connects in well under a millisecond.
[Collection(KernelCountersCollection.Name)]
public sealed class ReadyAtOnceTests
{
    private const int Iterations = 600;
    private static readonly TimeSpan s_stallBound = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task BuildConnectTeardown_600Iterations_NoStall()
    {
        TopologySpec spec = TopologyFixtures.TwoNamespaces();
        IPEndPoint[] servers = [new(IPAddress.Parse("198.18.0.2"), 9000), new(IPAddress.Parse("fd5e:7e57::2"), 9000)];
        var slow = new List<string>();

        for (int i = 0; i < Iterations; i++)
        {
            await using Topology topology = await Topology.BuildAsync(spec);
            foreach (IPEndPoint server in servers)
            {
                using Socket listener = topology["ns2"].CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(server);
                listener.Listen();
                using Socket client = topology["ns1"].CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                long started = Stopwatch.GetTimestamp();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await client.ConnectAsync(server, timeout.Token);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed > s_stallBound)
                {
                    slow.Add($"iteration {i} to {server}: {elapsed.TotalMilliseconds:F0} ms");
                }
            }
        }

        Assert.Empty(slow);
    }
}
