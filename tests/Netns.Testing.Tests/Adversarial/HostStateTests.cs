using System.Net;
using System.Net.Sockets;
using Netns.Testing.Tests.Kernel;
using Netns.Testing.Tests.Support;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

// Calls that enter a namespace on the caller's thread must leave the host namespace as it was.
// These tests read machine-wide state (the live namespace count, the host's links, addresses and
// routes), so they run alone, after the parallel tests.
[Collection(KernelCountersCollection.Name)]
public sealed class HostStateTests
{
    private const string TtlPath = "/proc/sys/net/ipv4/ip_default_ttl";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Create_InvalidSysctlRepeated_LeavesNoNamespace()
    {
        HostNamespace.EnsureInitialized();
        using NetworkNamespace body = NetworkNamespace.Create("adv-leak-body");
        body.Run(() => { });
        var options = new NamespaceOptions
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_default_ttl"] = "banana" },
        };
        int baseline = NamespaceCounter.CountSettled();

        // A host thread makes the namespace itself, and a body hands the work to an idle library
        // thread. Both must close everything they made before the sysctl write failed.
        for (int i = 0; i < 20; i++)
        {
            Assert.Throws<NetworkNamespaceException>(() => NetworkNamespace.Create("adv-leak-bad-sysctl", options));
        }

        ulong bodyAfter = await body.RunAsync(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.Throws<NetworkNamespaceException>(() => NetworkNamespace.Create("adv-leak-bad-sysctl", options));
            }

            return Task.FromResult(NamespaceThreads.GetCurrentThreadInode());
        }).WaitAsync(s_timeout);

        Assert.True(HostNamespace.IsCurrentThreadInHost);
        Assert.Equal(body.Inode, bodyAfter);
        Assert.InRange(NamespaceCounter.WaitForAtMost(baseline, s_timeout), 0, baseline);
    }

    [Fact]
    public async Task InsideCalls_FromManyHostThreads_HostUnchanged()
    {
        string snapshot = HostSnapshot.Take();
        string ttl = HostView.ReadSysctl(TtlPath);
        var namespaces = Enumerable.Range(0, 4).Select(i => NetworkNamespace.Create($"adv-host-calls-{i}")).ToArray();
        try
        {
            foreach (NetworkNamespace ns in namespaces)
            {
                ns.Netlink.AddAddress("lo", InterfaceAddress.Parse("198.18.67.1/32"));
            }

            // Pool threads enter each namespace in turn for every call and must come back to the
            // host each time, while the host keeps its own values.
            Task<ulong>[] callers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                for (int round = 0; round < 20; round++)
                {
                    NetworkNamespace ns = namespaces[(i + round) % namespaces.Length];
                    using Socket listener = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.67.1"), 0));
                    listener.Listen();
                    ns.WriteSysctl("net.ipv4.ip_default_ttl", $"{100 + i}");
                    _ = ns.ReadProcNetFile("tcp");
                    _ = ns.ReadSysctl("net.ipv4.ip_default_ttl");
                }

                return NamespaceThreads.GetCurrentThreadInode();
            })).ToArray();
            ulong[] after = await Task.WhenAll(callers).WaitAsync(s_timeout);

            Assert.All(after, inode => Assert.Equal(HostNamespace.Inode, inode));
            Assert.All(namespaces, ns => Assert.StartsWith("10", ns.ReadSysctl("net.ipv4.ip_default_ttl")));
            Assert.Equal(ttl, HostView.ReadSysctl(TtlPath));
            Assert.Equal(snapshot, HostSnapshot.Take());
        }
        finally
        {
            foreach (NetworkNamespace ns in namespaces)
            {
                ns.Dispose();
            }
        }
    }
}
