using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Netns.Testing;
using Netns.Testing.FluentAssertions;
using Netns.Testing.Xunit;
using Xunit;

namespace QuickStart.Xunit;

// Two namespaces joined by a veth pair. Each test gets them fresh, and its body runs in "client".
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0",
    Address1 = "198.18.0.1/24, fd5e:7e57::1/64",
    Address2 = "198.18.0.2/24, fd5e:7e57::2/64")]
public class TwoNamespaceTests
{
    [NetTheory]
    [InlineData("198.18.0.2")]
    [InlineData("fd5e:7e57::2")]
    public async Task Ping_ReachesServer(string address)
    {
        using var ping = new Ping();

        PingReply reply = await ping.SendPingAsync(IPAddress.Parse(address), timeout: 1000);

        Assert.Equal(IPStatus.Success, reply.Status);
    }

    [NetFact]
    public async Task TcpEcho_ReturnsWhatClientSent(NetworkNamespace server)
    {
        // The listener is created in "server"; the client socket below in "client", where the body runs.
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007));
        listener.Listen();
        Task echo = EchoOnceAsync(listener);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Parse("198.18.0.2"), 7007);
        await client.SendAsync(Encoding.UTF8.GetBytes("hello from client"));
        var buffer = new byte[256];
        int received = await client.ReceiveAsync(buffer);
        await echo;

        Assert.Equal("hello from client", Encoding.UTF8.GetString(buffer, 0, received));
    }

    [NetFact]
    public void Server_ListensAndIsReachable(NetworkNamespace client, NetworkNamespace server)
    {
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080));
        listener.Listen();

        // Each assertion runs in the namespace it is made on; a failure prints that namespace's
        // links, addresses and routes.
        client.Should().HaveLink("eth0").ThatIsUp().WithAddress("198.18.0.1/24");
        server.Should().BeListeningOn(8080, because: "the listener was bound in the server namespace");
        client.Should().NotBeListeningOn(8080);
        client.Should().ReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080))
            .And.HaveRouteTo("198.18.0.0/24").OnDevice("eth0");
    }

    private static async Task EchoOnceAsync(Socket listener)
    {
        using Socket connection = await listener.AcceptAsync();
        var buffer = new byte[256];
        int received = await connection.ReceiveAsync(buffer);
        await connection.SendAsync(buffer.AsMemory(0, received));
    }
}
