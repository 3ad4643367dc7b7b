using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink;

namespace Netns.Testing.Tests.Kernel;

public class LoopbackTests
{
    [Fact]
    public void NewNamespace_LoIsUp()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("lo-up");

        LinkInfo? lo = ns.Netlink.GetLink("lo");

        Assert.NotNull(lo);
        Assert.True(lo.IsUp);
        Assert.Equal(1, lo.Index);
        Assert.Null(lo.Kind);
    }

    [Fact]
    public void NewNamespace_OnlyLo()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("only-lo");

        Assert.Equal(["lo"], ns.Netlink.GetLinks().Select(l => l.Name));
    }

    [Fact]
    public void NewNamespace_LoopbackAddressesPresent()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("lo-addresses");

        IReadOnlyList<AddressInfo> addresses = ns.Netlink.GetAddresses("lo");

        Assert.Contains(addresses, a => a.Address == InterfaceAddress.Parse("127.0.0.1/8"));
        Assert.Contains(addresses, a => a.Address == InterfaceAddress.Parse("::1/128"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Loopback_TcpWorksAtOnce(string address)
    {
        using NetworkNamespace ns = NetworkNamespace.Create("lo-tcp");
        IPAddress ip = IPAddress.Parse(address);
        using Socket listener = ns.CreateSocket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, 0));
        listener.Listen();

        using Socket client = await ns.ConnectAsync(listener.LocalEndPoint!);
        using Socket accepted = await listener.AcceptAsync();

        Assert.Equal(ip, ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ChildProcess_ConnectsToNamespaceLoopback(string address)
    {
        using NetworkNamespace ns = NetworkNamespace.Create("lo-child");
        IPAddress ip = IPAddress.Parse(address);
        using Socket listener = ns.CreateSocket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, 0));
        listener.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        using Process child = ns.StartProcess(new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"exec 3<>/dev/tcp/{address}/{port}; echo hi >&3" },
            RedirectStandardError = true,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using Socket accepted = await listener.AcceptAsync(timeout.Token);
        var buffer = new byte[16];
        int received = await accepted.ReceiveAsync(buffer, timeout.Token);
        await child.WaitForExitAsync(timeout.Token);

        Assert.Equal("hi\n", System.Text.Encoding.ASCII.GetString(buffer, 0, received));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task ChildProcess_RunsInNamespace()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("child-ns");

        using Process child = ns.StartProcess(
            new ProcessStartInfo("readlink", "/proc/self/ns/net") { RedirectStandardOutput = true });
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        Assert.Equal($"net:[{ns.Inode}]", output.Trim());
        Assert.NotEqual(HostNamespace.Inode, ns.Inode);
    }
}
