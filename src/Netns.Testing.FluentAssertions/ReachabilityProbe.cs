using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Sends ICMP echo requests, TCP connections and UDP requests from a namespace. Sockets are
/// created on the namespace thread and then used without awaiting, so a probe from a test body
/// that runs on that very thread does not wait for itself.
/// </summary>
internal static class ReachabilityProbe
{
    public static ProbeResult Ping(NetworkNamespace ns, IPAddress address, TimeSpan timeout)
    {
        int timeoutMs = ToMilliseconds(timeout);
        try
        {
            // Ping opens its raw ICMP socket (or starts the ping program) on the calling thread,
            // so it must run on the namespace thread.
            PingReply reply = ns.Run(() =>
            {
                using var ping = new Ping();
                return ping.Send(address, timeoutMs);
            });
            return reply.Status switch
            {
                IPStatus.Success => new ProbeResult(true, $"namespace \"{ns.Name}\" got an echo reply from {reply.Address}"),
                IPStatus.TimedOut => new ProbeResult(false, $"namespace \"{ns.Name}\" got no echo reply"),
                _ => new ProbeResult(false, $"namespace \"{ns.Name}\" got {reply.Status}{(reply.Address.Equals(IPAddress.Any) ? "" : $" from {reply.Address}")}"),
            };
        }
        catch (PingException e) when (e.InnerException is SocketException socketError)
        {
            return new ProbeResult(false, $"the echo request from namespace \"{ns.Name}\" failed with {Describe(socketError)}");
        }
    }

    public static ProbeResult ConnectTcp(NetworkNamespace ns, IPEndPoint endPoint, TimeSpan timeout)
    {
        using Socket socket = ns.CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            socket.ConnectAsync(endPoint, timeoutSource.Token).AsTask().GetAwaiter().GetResult();
            return new ProbeResult(true, $"a connection from namespace \"{ns.Name}\" was established");
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(false, $"connecting from namespace \"{ns.Name}\" timed out");
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, $"connecting from namespace \"{ns.Name}\" failed with {Describe(e)}");
        }
    }

    public static ProbeResult RequestUdp(NetworkNamespace ns, IPEndPoint endPoint, byte[] request, TimeSpan timeout)
    {
        using Socket socket = ns.CreateSocket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // A connected UDP socket reports an ICMP port unreachable as ConnectionRefused.
            socket.Connect(endPoint);
            socket.ReceiveTimeout = ToMilliseconds(timeout);
            socket.Send(request);
            var buffer = new byte[65536];
            int received = socket.Receive(buffer);
            return new ProbeResult(true, $"namespace \"{ns.Name}\" got a response of {Bytes(received)}", buffer[..received]);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return new ProbeResult(false, $"namespace \"{ns.Name}\" got no response");
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, $"the request from namespace \"{ns.Name}\" failed with {Describe(e)}");
        }
    }

    public static string Bytes(int count) => count == 1 ? "1 byte" : count.ToString(CultureInfo.InvariantCulture) + " bytes";

    private static string Describe(SocketException e) => $"{e.SocketErrorCode} ({e.Message})";

    private static int ToMilliseconds(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(timeout));
        return (int)Math.Ceiling(Math.Min(timeout.TotalMilliseconds, int.MaxValue));
    }
}
