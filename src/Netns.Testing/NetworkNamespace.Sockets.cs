using System.Net;
using System.Net.Sockets;

namespace Netns.Testing;

public sealed partial class NetworkNamespace
{
    /// <summary>
    /// Creates a socket in this namespace from any thread. A socket belongs to the namespace it
    /// was created in, whatever thread later uses it.
    /// </summary>
    public Socket CreateSocket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType)
    {
        return InvokeInside(
            static type => new Socket(type.AddressFamily, type.SocketType, type.ProtocolType),
            (AddressFamily: addressFamily, SocketType: socketType, ProtocolType: protocolType));
    }

    /// <summary>Opens a TCP connection that originates in this namespace.</summary>
    /// <param name="endPoint">An <see cref="IPEndPoint"/>, or a <see cref="DnsEndPoint"/> whose host is an address or a name.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    public async Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        IPEndPoint target = endPoint switch
        {
            IPEndPoint ip => ip,
            DnsEndPoint dns => new IPEndPoint(await ResolveAsync(dns.Host, cancellationToken), dns.Port),
            _ => throw new ArgumentException($"Connecting to a {endPoint.GetType().Name} is not supported.", nameof(endPoint)),
        };

        Socket socket = CreateSocket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(target, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a handler whose connections originate in this namespace, through
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>. It uses no proxy.
    /// </summary>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
            new NetworkStream(await ConnectAsync(context.DnsEndPoint, cancellationToken), ownsSocket: true),
    };

    /// <summary>Creates an <see cref="HttpClient"/> whose connections originate in this namespace.</summary>
    public HttpClient CreateHttpClient() => new(CreateHttpHandler(), disposeHandler: true);

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address))
        {
            return address;
        }

        IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.Length > 0
            ? addresses[0]
            : throw new SocketException((int)SocketError.HostNotFound);
    }
}
