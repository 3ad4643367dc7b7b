using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.DependencyInjection;

/// <summary>Creates sockets in one namespace through its namespace thread.</summary>
internal sealed class NamespaceSocketFactory(NetworkNamespace ns) : INamespaceSocketFactory
{
    public NetworkNamespace Namespace { get; } = ns;

    public Socket CreateSocket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) =>
        Namespace.CreateSocket(addressFamily, socketType, protocolType);

    public Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default) =>
        Namespace.ConnectAsync(endPoint, cancellationToken);

    public Socket Listen(IPEndPoint endPoint, int backlog = 128)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Socket socket = Namespace.CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Socket BindUdp(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Socket socket = Namespace.CreateSocket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override string ToString() => $"sockets of {Namespace}";
}
