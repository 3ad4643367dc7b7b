using Xunit;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netns.Testing.Tests.Scenarios;

// A socket belongs to the namespace of the thread that creates it. A decoy listener on the host's
// 127.0.0.1 at the same port as the real one in ns2 must never see a connection.
public sealed class SocketOriginTests : IAsyncLifetime
{
    private Topology _topology = null!;
    private Socket _listener = null!;
    private Socket _decoy = null!;
    private int _port;
    private int _decoyAccepts;

    public async Task InitializeAsync()
    {
        _topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        _listener = _topology["ns2"].CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Any, 0));
        _listener.Listen();
        _port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _decoy = HostNamespace.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, _port));
            socket.Listen();
            return socket;
        });
        _ = AcceptDecoyAsync();
        _ = ServeHttpAsync();
    }

    public Task DisposeAsync()
    {
        _decoy.Dispose();
        _listener.Dispose();
        _topology.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public Task ConnectAfterYield_ReachesNamespacePeer() => _topology.RunBodyAsync(async () =>
    {
        await Task.Yield();
        await AssertConnectsAsync(new IPEndPoint(IPAddress.Parse("198.18.0.2"), _port));
    });

    [Fact]
    public Task ConnectAfterConfigureAwaitFalse_StaysInNamespace() => _topology.RunBodyAsync(async () =>
    {
        await Task.Delay(10).ConfigureAwait(false);
        Assert.Equal(_topology["ns1"].Inode, NamespaceThreads.GetCurrentThreadInode());
        await AssertConnectsAsync(new IPEndPoint(IPAddress.Parse("198.18.0.2"), _port));
    });

    [Fact]
    public Task PlainHttpClient_RequestsFromNamespace() => _topology.RunBodyAsync(async () =>
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        string body = await client.GetStringAsync($"http://198.18.0.2:{_port}/");
        Assert.Equal("from ns2", body);
    });

    [Fact]
    public async Task NamespaceHttpClient_FromHostThread_OriginatesInNamespace()
    {
        using HttpClient client = _topology["ns1"].CreateHttpClient();
        string body = await client.GetStringAsync($"http://198.18.0.2:{_port}/");
        Assert.Equal("from ns2", body);
    }

    [Fact]
    public Task LoopbackAfterAwait_NeverReachesHostDecoy() => _topology.RunBodyAsync(async () =>
    {
        await Task.Delay(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(
            () => client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal(0, Volatile.Read(ref _decoyAccepts));
    });

    private async Task AssertConnectsAsync(IPEndPoint endPoint)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endPoint);
        Assert.True(client.Connected);
        Assert.Equal(0, Volatile.Read(ref _decoyAccepts));
    }

    private async Task AcceptDecoyAsync()
    {
        try
        {
            while (true)
            {
                using Socket connection = await _decoy.AcceptAsync();
                Interlocked.Increment(ref _decoyAccepts);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task ServeHttpAsync()
    {
        byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nfrom ns2");
        try
        {
            while (true)
            {
                Socket connection = await _listener.AcceptAsync();
                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        var buffer = new byte[4096];
                        int received = await connection.ReceiveAsync(buffer);
                        if (received > 0)
                        {
                            await connection.SendAsync(response);
                        }
                    }
                });
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
