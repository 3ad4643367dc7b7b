using Xunit;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netns.Testing.Tests.Scenarios;

public sealed class TrafficTests
{
    [Theory]
    [InlineData("198.18.0.2")]
    [InlineData("fd5e:7e57::2")]
    public async Task Tcp_AcrossVeth_Echoes(string server)
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        IPAddress address = IPAddress.Parse(server);
        using Socket listener = topology["ns2"].CreateSocket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        Task echo = Task.Run(async () =>
        {
            using Socket connection = await listener.AcceptAsync();
            var buffer = new byte[64];
            int received = await connection.ReceiveAsync(buffer);
            await connection.SendAsync(buffer.AsMemory(0, received));
        });

        string answer = await topology.BodyNamespace.RunAsync(async () =>
        {
            using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            await client.SendAsync(Encoding.ASCII.GetBytes("hello"));
            var buffer = new byte[64];
            int received = await client.ReceiveAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, received);
        });

        await echo;
        Assert.Equal("hello", answer);
    }

    [Theory]
    [InlineData("198.18.0.2")]
    [InlineData("fd5e:7e57::2")]
    public async Task Udp_AcrossVeth_Replies(string server)
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        IPAddress address = IPAddress.Parse(server);
        using Socket receiver = topology["ns2"].CreateSocket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(address, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Task reply = Task.Run(async () =>
        {
            var buffer = new byte[64];
            EndPoint any = new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            SocketReceiveFromResult request = await receiver.ReceiveFromAsync(buffer, any, timeout.Token);
            await receiver.SendToAsync(buffer.AsMemory(0, request.ReceivedBytes), request.RemoteEndPoint, timeout.Token);
        });

        string answer = await topology.BodyNamespace.RunAsync(async () =>
        {
            using var sender = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            await sender.SendToAsync(Encoding.ASCII.GetBytes("query"), receiver.LocalEndPoint!, timeout.Token);
            var buffer = new byte[64];
            int received = await sender.ReceiveAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, received);
        });

        await reply;
        Assert.Equal("query", answer);
    }

    [Fact]
    public async Task HostLoopbackListener_UnreachableFromNamespace()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        using Socket hostListener = HostNamespace.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen();
            return socket;
        });

        SocketError result = await topology.BodyNamespace.RunAsync(async () =>
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await client.ConnectAsync(hostListener.LocalEndPoint!);
                return SocketError.Success;
            }
            catch (SocketException e)
            {
                return e.SocketErrorCode;
            }
        });

        Assert.Equal(SocketError.ConnectionRefused, result);
    }

    [Fact]
    public async Task AsyncBody_StaysInNamespaceAcrossAwaits()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        ulong expected = topology.BodyNamespace.Inode;
        var seen = new List<(ulong Inode, int ManagedThread)>();

        await topology.RunBodyAsync(async () =>
        {
            seen.Add((NamespaceThreads.GetCurrentThreadInode(), Environment.CurrentManagedThreadId));
            await Task.Yield();
            seen.Add((NamespaceThreads.GetCurrentThreadInode(), Environment.CurrentManagedThreadId));
            await Task.Delay(20);
            seen.Add((NamespaceThreads.GetCurrentThreadInode(), Environment.CurrentManagedThreadId));
            await Task.Run(() => Thread.Sleep(5));
            seen.Add((NamespaceThreads.GetCurrentThreadInode(), Environment.CurrentManagedThreadId));
            Assert.Same(topology, Topology.Current);
        });

        Assert.All(seen, s => Assert.Equal(expected, s.Inode));
        Assert.Single(seen.Select(s => s.ManagedThread).Distinct());
        Assert.Null(Topology.Current);
    }

    [Fact]
    public async Task ChildProcess_InEmptyNamespace_ReachesBodyLoopbackListener()
    {
        using Topology topology = await Topology.BuildAsync(new TopologyBuilder().AddNamespace("ns1").ToSpec());
        await topology.RunBodyAsync(async () =>
        {
            using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            v4.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            v4.Listen();
            using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            v6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            v6.Listen();
            using (var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp))
            {
                await client.ConnectAsync(v6.LocalEndPoint!);
            }

            int port = ((IPEndPoint)v4.LocalEndPoint!).Port;
            using System.Diagnostics.Process child = topology["ns1"].StartProcess(new System.Diagnostics.ProcessStartInfo(
                "bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf child >&3"]));
            using Socket connection = await v4.AcceptAsync();
            var buffer = new byte[16];
            int received = await connection.ReceiveAsync(buffer);
            await child.WaitForExitAsync();
            Assert.Equal("child", Encoding.ASCII.GetString(buffer, 0, received));
            Assert.Equal(0, child.ExitCode);
        });
    }
}
