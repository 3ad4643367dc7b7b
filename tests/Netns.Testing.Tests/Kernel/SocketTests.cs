using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netns.Testing.Tests.Kernel;

public class SocketTests
{
    [Fact]
    public void CreateSocket_FromHostThread_BindsToNamespaceAddress()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("socket-bind");
        ns.Netlink.AddAddress("lo", InterfaceAddress.Parse("198.18.7.1/32"));

        using Socket inNamespace = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        inNamespace.Bind(new IPEndPoint(IPAddress.Parse("198.18.7.1"), 0));

        using var onHost = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var exception = Assert.Throws<SocketException>(() => onHost.Bind(new IPEndPoint(IPAddress.Parse("198.18.7.1"), 0)));
        Assert.Equal(SocketError.AddressNotAvailable, exception.SocketErrorCode);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    [Fact]
    public async Task ConnectAsync_ReachesOtherNamespace()
    {
        using NetworkNamespace client = NetworkNamespace.Create("client");
        using NetworkNamespace server = NetworkNamespace.Create("server");
        client.Netlink.CreateVeth("eth0", "eth0", server);
        client.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));
        server.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.2/24"));
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        listener.Listen();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using Socket connection = await client.ConnectAsync(listener.LocalEndPoint!, timeout.Token);
        using Socket accepted = await listener.AcceptAsync(timeout.Token);

        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task CreateHttpClient_RequestsFromNamespace()
    {
        using NetworkNamespace client = NetworkNamespace.Create("client");
        using NetworkNamespace server = NetworkNamespace.Create("server");
        client.Netlink.CreateVeth("eth0", "eth0", server);
        client.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));
        server.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.2/24"));
        using Socket listener = server.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));
        listener.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Task<(string Request, EndPoint Remote)> serving = ServeOnceAsync(listener, timeout.Token);

        using HttpClient http = client.CreateHttpClient();
        string body = await http.GetStringAsync($"http://198.18.0.2:{port}/hello", timeout.Token);
        (string request, EndPoint remote) = await serving;

        Assert.Equal("hello from server", body);
        Assert.StartsWith("GET /hello HTTP/1.1\r\n", request);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)remote).Address);
    }

    private static async Task<(string Request, EndPoint Remote)> ServeOnceAsync(
        Socket listener,
        CancellationToken cancellationToken)
    {
        using Socket connection = await listener.AcceptAsync(cancellationToken);
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int received = await connection.ReceiveAsync(buffer, cancellationToken);
            if (received == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, received));
        }

        byte[] response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 17\r\nConnection: close\r\n\r\nhello from server");
        await connection.SendAsync(response, cancellationToken);
        connection.Shutdown(SocketShutdown.Send);
        return (request.ToString(), connection.RemoteEndPoint!);
    }
}
