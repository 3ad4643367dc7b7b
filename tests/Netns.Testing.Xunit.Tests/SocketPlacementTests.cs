using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

/// <summary>
/// Sockets the body creates after awaits, and through HttpClient, belong to the body's namespace:
/// they reach a server in the other namespace, and never a decoy on the host's loopback at the same port.
/// </summary>
[NetNamespace("ns1", Body = true)]
[NetNamespace("ns2")]
[VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public sealed class SocketPlacementTests
{
    private static readonly IPAddress s_server = IPAddress.Parse("198.18.0.2");

    [NetFact]
    public async Task ConnectAfterYield_ReachesServer(NetworkNamespace ns2)
    {
        using Servers servers = Servers.Start(ns2);

        await Task.Yield();
        await ConnectAndCloseAsync(new IPEndPoint(s_server, servers.Port));

        await servers.AssertAcceptedAsync(1);
    }

    [NetFact]
    public async Task ConnectAfterConfigureAwaitFalse_ReachesServer(NetworkNamespace ns1, NetworkNamespace ns2)
    {
        using Servers servers = Servers.Start(ns2);

        await Task.Delay(10).ConfigureAwait(false);
        Assert.Equal(ns1.Inode, NamespaceThreads.GetCurrentThreadInode());
        await ConnectAndCloseAsync(new IPEndPoint(s_server, servers.Port));

        await servers.AssertAcceptedAsync(1);
    }

    [NetFact]
    public async Task PlainHttpClient_ReachesServer(NetworkNamespace ns2)
    {
        using Servers servers = Servers.Start(ns2);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        string body = await client.GetStringAsync($"http://198.18.0.2:{servers.Port}/");

        Assert.Equal("ok", body);
        await servers.AssertAcceptedAsync(1);
    }

    [NetFact]
    public async Task NamespaceHttpClient_ReachesServer(NetworkNamespace ns1, NetworkNamespace ns2)
    {
        using Servers servers = Servers.Start(ns2);
        using HttpClient client = ns1.CreateHttpClient();

        string body = await client.GetStringAsync($"http://198.18.0.2:{servers.Port}/").ConfigureAwait(false);

        Assert.Equal("ok", body);
        await servers.AssertAcceptedAsync(1);
    }

    [NetFact]
    public async Task LoopbackAfterAwait_NeverReachesHostDecoy(NetworkNamespace ns2)
    {
        using Servers servers = Servers.Start(ns2);

        await Task.Delay(10);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(
            () => ConnectAndCloseAsync(new IPEndPoint(IPAddress.Loopback, servers.Port)));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        await servers.AssertAcceptedAsync(0);
    }

    private static async Task ConnectAndCloseAsync(IPEndPoint endPoint)
    {
        using var client = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(endPoint, timeout.Token);
    }

    /// <summary>
    /// A minimal HTTP server in ns2 and a decoy listener on the host's 127.0.0.1 at the same port; the
    /// decoy must never see a connection.
    /// </summary>
    private sealed class Servers : IDisposable
    {
        private readonly Socket _server;
        private readonly Socket _decoy;
        private readonly Task _serving;
        private int _accepted;

        private Servers(Socket server, Socket decoy)
        {
            _server = server;
            _decoy = decoy;
            _serving = ServeAsync();
        }

        public int Port => ((IPEndPoint)_server.LocalEndPoint!).Port;

        public static Servers Start(NetworkNamespace ns2)
        {
            // The port is chosen in ns2, then the host's loopback may already use it; try a few.
            for (int attempt = 0; ; attempt++)
            {
                Socket server = ns2.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                server.Bind(new IPEndPoint(s_server, 0));
                server.Listen();
                int port = ((IPEndPoint)server.LocalEndPoint!).Port;
                try
                {
                    Socket decoy = HostNamespace.Run(() =>
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                        socket.Listen();
                        return socket;
                    });
                    return new Servers(server, decoy);
                }
                catch (SocketException) when (attempt < 5)
                {
                    server.Dispose();
                }
            }
        }

        public async Task AssertAcceptedAsync(int expected)
        {
            // Connections the server has not accepted yet wait in its backlog.
            for (int i = 0; i < 100 && Volatile.Read(ref _accepted) < expected; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(expected, Volatile.Read(ref _accepted));
            Assert.False(_decoy.Poll(0, SelectMode.SelectRead), "A connection reached the decoy on the host's 127.0.0.1.");
        }

        public void Dispose()
        {
            Assert.False(_decoy.Poll(0, SelectMode.SelectRead), "A connection reached the decoy on the host's 127.0.0.1.");
            _server.Dispose();
            _decoy.Dispose();
            _ = _serving.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        private async Task ServeAsync()
        {
            while (true)
            {
                using Socket connection = await _server.AcceptAsync();
                Interlocked.Increment(ref _accepted);
                var buffer = new byte[4096];
                int received = await connection.ReceiveAsync(buffer);
                if (received > 0 && Encoding.ASCII.GetString(buffer, 0, received).StartsWith("GET ", StringComparison.Ordinal))
                {
                    string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
                    await connection.SendAsync(Encoding.ASCII.GetBytes(response));
                }
            }
        }
    }
}
