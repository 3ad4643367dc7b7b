using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class NestedRunTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AsyncThenAsyncThenSync_NoDeadlock()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-nest-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-nest-2");

        ulong inner = await ns1.RunAsync(() => ns2.RunAsync(() => Task.FromResult(ns1.Run(NamespaceThreads.GetCurrentThreadInode))))
            .WaitAsync(s_timeout);

        Assert.Equal(ns1.Inode, inner);
    }

    [Fact]
    public async Task SyncCycle_ThrowsInsteadOfHanging()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-cycle-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-cycle-2");

        // ns1's thread blocks in ns2.Run while ns2's thread waits for work on ns1's thread: a cycle.
        Task run = Task.Run(() => ns1.Run(() => ns2.Run(() => ns1.Run(() => 1))));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(s_timeout));
        Assert.Contains("adv-cycle-1", exception.Message);
    }

    [Fact]
    public async Task SyncCycleOfThree_ThrowsInsteadOfHanging()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-cycle3-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-cycle3-2");
        using NetworkNamespace ns3 = NetworkNamespace.Create("adv-cycle3-3");

        Task run = Task.Run(() => ns1.Run(() => ns2.Run(() => ns3.Run(() => ns1.Run(() => 1)))));

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(s_timeout));
    }

    [Fact]
    public async Task CreateSocketFromThreadThatBlocksTarget_EntersTargetItself()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-socket-cycle-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-socket-cycle-2");

        // ns1's thread is blocked in Run until ns2's thread returns, so ns2's thread must enter
        // ns1 itself to make the socket and read ns1's /proc/net, then come back to ns2.
        (int port, string ns1Udp, string ns2Udp, ulong after) = await Task.Run(() => ns1.Run(() => ns2.Run(() =>
        {
            using Socket socket = ns1.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int bound = ((IPEndPoint)socket.LocalEndPoint!).Port;
            return (bound, ns1.ReadProcNetFile("udp"), ns2.ReadProcNetFile("udp"), NamespaceThreads.GetCurrentThreadInode());
        }))).WaitAsync(s_timeout);

        string entry = $"0100007F:{port:X4}";
        Assert.Contains(entry, ns1Udp);
        Assert.DoesNotContain(entry, ns2Udp);
        Assert.Equal(ns2.Inode, after);
    }

    [Fact]
    public async Task SyncChainWithoutCycle_Runs()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-chain-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-chain-2");
        using NetworkNamespace ns3 = NetworkNamespace.Create("adv-chain-3");

        ulong inner = await Task.Run(() => ns1.Run(() => ns2.Run(() => ns3.Run(NamespaceThreads.GetCurrentThreadInode))))
            .WaitAsync(s_timeout);

        Assert.Equal(ns3.Inode, inner);
    }

    [Fact]
    public async Task SyncCycle_NamespacesStayUsable()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-cycle-after-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-cycle-after-2");
        Task run = Task.Run(() => ns1.Run(() => ns2.Run(() => ns1.Run(() => 1))));
        await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(s_timeout));

        ulong inode1 = await Task.Run(() => ns1.Run(NamespaceThreads.GetCurrentThreadInode)).WaitAsync(s_timeout);
        ulong inode2 = await Task.Run(() => ns2.Run(NamespaceThreads.GetCurrentThreadInode)).WaitAsync(s_timeout);

        Assert.Equal(ns1.Inode, inode1);
        Assert.Equal(ns2.Inode, inode2);
    }
}
