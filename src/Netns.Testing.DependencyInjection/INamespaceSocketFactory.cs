using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Creates sockets in one network namespace, from any thread. Each namespace of a registered
/// topology has one, keyed by the namespace's logical name:
/// <c>[FromKeyedServices("client")] INamespaceSocketFactory sockets</c>.
/// </summary>
public interface INamespaceSocketFactory
{
    /// <summary>The namespace the sockets are created in.</summary>
    NetworkNamespace Namespace { get; }

    /// <summary>Creates a socket in the namespace.</summary>
    Socket CreateSocket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType);

    /// <summary>Opens a TCP connection that originates in the namespace.</summary>
    Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default);

    /// <summary>Creates a TCP socket in the namespace that is bound to <paramref name="endPoint"/> and listening.</summary>
    /// <param name="endPoint">The local end point; port 0 lets the kernel choose one.</param>
    /// <param name="backlog">The maximum length of the queue of pending connections.</param>
    Socket Listen(IPEndPoint endPoint, int backlog = 128);

    /// <summary>Creates a UDP socket in the namespace that is bound to <paramref name="endPoint"/>.</summary>
    Socket BindUdp(IPEndPoint endPoint);
}
