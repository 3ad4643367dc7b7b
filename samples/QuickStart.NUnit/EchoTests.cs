using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Netns.Testing;
using Netns.Testing.FluentAssertions;
using Netns.Testing.NUnit;
using NUnit.Framework;

// A PackageReference to Netns.Testing.NUnit adds this line by itself; this sample uses a project reference.
[assembly: NetnsTests]

namespace QuickStart.NUnit;

// Each test gets two fresh namespaces joined by a veth pair. The test body runs in "client".
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0",
    Address1 = "198.18.0.1/24, fd5e:7e57::1/64", Address2 = "198.18.0.2/24, fd5e:7e57::2/64")]
public class EchoTests
{
    [TestCase("198.18.0.2")]
    [TestCase("fd5e:7e57::2")]
    public async Task Ping_ReachesServer(string address)
    {
        using var ping = new Ping();

        PingReply reply = await ping.SendPingAsync(IPAddress.Parse(address), TimeSpan.FromSeconds(2));

        Assert.That(reply.Status, Is.EqualTo(IPStatus.Success));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task TcpEcho_ReturnsWhatWasSent(CancellationToken cancellationToken)
    {
        // The listener is created in the "server" namespace. The client socket below is created in
        // "client", because the body runs there.
        using Socket listener = NetnsContext.Namespace("server")
            .CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007));
        listener.Listen();
        Task server = EchoOnceAsync(listener, cancellationToken);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Parse("198.18.0.2"), 7007, cancellationToken);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("hello"), cancellationToken);
        var buffer = new byte[5];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        await server;

        Assert.That(Encoding.ASCII.GetString(buffer), Is.EqualTo("hello"));
    }

    [Test]
    public void Server_ListensAndIsReachable()
    {
        NetworkNamespace client = NetnsContext.Namespace("client");
        NetworkNamespace server = NetnsContext.Namespace("server");
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080));
        listener.Listen();

        // Each assertion runs in the namespace it is made on; a failure prints that namespace's
        // links, addresses and routes.
        client.Should().HaveLink("eth0").ThatIsUp().WithAddress("198.18.0.1/24");
        server.Should().BeListeningOn(8080, because: "the listener was bound in the server namespace");
        client.Should().ReachTcp(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080));
    }

    private static async Task EchoOnceAsync(Socket listener, CancellationToken cancellationToken)
    {
        using Socket connection = await listener.AcceptAsync(cancellationToken);
        var buffer = new byte[5];
        int received = await connection.ReceiveAsync(buffer, cancellationToken);
        await connection.SendAsync(buffer.AsMemory(0, received), cancellationToken);
    }
}
