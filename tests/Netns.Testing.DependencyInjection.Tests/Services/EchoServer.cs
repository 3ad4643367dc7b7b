using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>A TCP echo server that listens on <see cref="EndPoint"/> from StartAsync until StopAsync.</summary>
public sealed class EchoServer(EventLog events) : IHostedService, IDisposable
{
    public static readonly IPEndPoint EndPoint = new(IPAddress.Parse("198.18.0.2"), 7007);

    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>The listening socket, from StartAsync on.</summary>
    public Socket? Listener { get; private set; }

    /// <summary>The namespace inode of the thread that created the listener.</summary>
    public ulong ListenerThreadInode { get; private set; }

    /// <summary>The remote end points of accepted connections.</summary>
    public List<EndPoint> Clients { get; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A plain socket, as a real server opens it: the thread decides its namespace.
        ListenerThreadInode = NamespaceThreads.GetCurrentThreadInode();
        Listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Listener.Bind(EndPoint);
        Listener.Listen();
        _acceptLoop = AcceptLoopAsync(Listener, _stopping.Token);
        events.Add("server started");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        events.Add("server stopping");
        _stopping.Cancel();
        Listener?.Dispose();
        await _acceptLoop;
        events.Add("server stopped");
    }

    public void Dispose()
    {
        events.Add("server disposed");
        _stopping.Dispose();
        Listener?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (Clients)
            {
                Clients.Add(connection.RemoteEndPoint!);
            }

            _ = EchoAsync(connection, cancellationToken);
        }
    }

    private static async Task EchoAsync(Socket connection, CancellationToken cancellationToken)
    {
        using (connection)
        {
            var buffer = new byte[1024];
            try
            {
                int received;
                while ((received = await connection.ReceiveAsync(buffer, cancellationToken)) > 0)
                {
                    await connection.SendAsync(buffer.AsMemory(0, received), cancellationToken);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The client left or the server is stopping.
            }
        }
    }
}
