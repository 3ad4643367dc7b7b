using System.Net.Sockets;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class AfterDisposeTests
{
    [Fact]
    public void Run_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-run-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => ns.Run(() => 1));

        Assert.Contains("adv-run-disposed", exception.Message);
    }

    [Fact]
    public async Task RunAsync_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-runasync-disposed");
        ns.Dispose();

        var exception = await Assert.ThrowsAsync<ObjectDisposedException>(() => ns.RunAsync(() => Task.CompletedTask));

        Assert.Contains("adv-runasync-disposed", exception.Message);
    }

    [Fact]
    public void CreateSocket_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-socket-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(
            () => ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

        Assert.Contains("adv-socket-disposed", exception.Message);
    }

    [Fact]
    public void Netlink_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-netlink-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => ns.Netlink.GetLinks());

        Assert.Contains("adv-netlink-disposed", exception.Message);
    }

    [Fact]
    public void NetlinkClientKept_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-client-disposed");
        Netlink.RouteNetlinkClient client = ns.Netlink;
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => client.GetLinks());

        Assert.Contains("adv-client-disposed", exception.Message);
    }

    [Fact]
    public void ReadSysctl_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-sysctl-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => ns.ReadSysctl("net.ipv4.ip_forward"));

        Assert.Contains("adv-sysctl-disposed", exception.Message);
    }

    [Fact]
    public void WriteSysctl_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-write-sysctl-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => ns.WriteSysctl("net.ipv4.ip_forward", "1"));

        Assert.Contains("adv-write-sysctl-disposed", exception.Message);
    }

    [Fact]
    public void ReadProcNetFile_AfterDispose_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-procnet-disposed");
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => ns.ReadProcNetFile("udp"));

        Assert.Contains("adv-procnet-disposed", exception.Message);
    }

    [Fact]
    public void CreateSocket_AfterDisposeOfBoundNamespace_NamesNamespace()
    {
        // A namespace gets its thread on the first Run, so this disposes one that has a thread.
        NetworkNamespace ns = NetworkNamespace.Create("adv-socket-bound-disposed");
        ns.Run(() => { });
        ns.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(
            () => ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));

        Assert.Contains("adv-socket-bound-disposed", exception.Message);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }
}
