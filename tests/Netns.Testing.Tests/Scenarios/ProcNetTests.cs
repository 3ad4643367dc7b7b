using Xunit;
using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.Tests.Scenarios;

// /proc/net and /proc/self/net show the main thread's namespace; the library reads
// /proc/thread-self on the namespace thread instead.
public sealed class ProcNetTests
{
    [Fact]
    public async Task ReadProcNetFile_ShowsNamespaceListenerNotHost()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        using Socket listener = topology["ns2"].CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        listener.Listen();
        string port = ((IPEndPoint)listener.LocalEndPoint!).Port.ToString("X4");

        // 198.18.0.2 in /proc/net/tcp is the little-endian hex 020012C6.
        Assert.Contains($"020012C6:{port}", topology["ns2"].ReadProcNetFile("tcp"));
        Assert.DoesNotContain($"020012C6:{port}", topology["ns1"].ReadProcNetFile("tcp"));
        Assert.DoesNotContain($"020012C6:{port}", File.ReadAllText("/proc/net/tcp"));
    }

    [Fact]
    public async Task ProcSelfNet_FromBody_DescribesMainThread()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        await topology.RunBodyAsync(() =>
        {
            // The documented trap: /proc/self/net is the main thread's view, not the body's.
            string mainThread = $"/proc/{Environment.ProcessId}/task/{Environment.ProcessId}/net/dev";
            Assert.Equal(InterfaceNames(mainThread), InterfaceNames("/proc/self/net/dev"));
            Assert.Equal(["eth0", "lo"], InterfaceNames("/proc/thread-self/net/dev"));
            Assert.NotEqual(InterfaceNames("/proc/self/net/dev"), InterfaceNames("/proc/thread-self/net/dev"));
            return Task.CompletedTask;
        });
    }

    private static string[] InterfaceNames(string procNetDev) =>
        File.ReadAllLines(procNetDev).Skip(2).Select(l => l.Split(':')[0].Trim()).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task WriteSysctl_ChangesNamespaceOnly()
    {
        string hostBefore = HostNamespace.Run(() => File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        string value = hostBefore.Trim() == "1" ? "0" : "1";
        topology["ns1"].WriteSysctl("net.ipv4.ip_forward", value);

        Assert.Equal(value, topology["ns1"].ReadSysctl("net.ipv4.ip_forward"));
        Assert.Equal(hostBefore, HostNamespace.Run(() => File.ReadAllText("/proc/sys/net/ipv4/ip_forward")));
    }
}
