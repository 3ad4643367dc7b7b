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
    public async Task CreateSocket_FromPoolThreadInAnotherNamespace_LeavesItThere()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("socket-from-ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("socket-into-ns2");
        ns2.Netlink.AddAddress("lo", InterfaceAddress.Parse("198.18.7.2/32"));

        // Task.Run from a body runs on a pool thread moved into ns1.
        (ulong before, ulong after) = await ns1.RunAsync(() => Task.Run(() =>
        {
            ulong start = NamespaceThreads.GetCurrentThreadInode();
            using Socket socket = ns2.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("198.18.7.2"), 0));
            return (start, NamespaceThreads.GetCurrentThreadInode());
        }));

        Assert.Equal(ns1.Inode, before);
        Assert.Equal(ns1.Inode, after);
    }

    [Fact]
    public void CreateSocket_FromThreadInForeignNamespace_LeavesItThere()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("socket-foreign-caller");
        ns.Netlink.AddAddress("lo", InterfaceAddress.Parse("198.18.7.3/32"));
        ulong foreign = 0;
        ulong after = 0;
        Exception? error = null;

        // A thread in a namespace the library does not know has nothing to return to, so the
        // socket is made on the namespace's own thread instead.
        var thread = new Thread(() =>
        {
            try
            {
                Assert.Equal(0, Tmds.Linux.LibC.unshare(Tmds.Linux.LibC.CLONE_NEWNET));
                foreign = NamespaceThreads.GetCurrentThreadInode();
                using Socket socket = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("198.18.7.3"), 0));
                after = NamespaceThreads.GetCurrentThreadInode();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.UnsafeStart();
        thread.Join();

        Assert.Null(error);
        Assert.NotEqual(HostNamespace.Inode, foreign);
        Assert.NotEqual(ns.Inode, foreign);
        Assert.Equal(foreign, after);
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
