using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Reads the sockets of a namespace from its own /proc/net/{tcp,tcp6,udp,udp6}. Each line
/// after the header reads "sl local_address rem_address st ...", with addresses as hex words in
/// host byte order, a colon, and the port in hex.
/// </summary>
internal static class ProcNetSockets
{
    // TCP_LISTEN from include/net/tcp_states.h.
    private const string TcpListenState = "0A";

    /// <summary>
    /// Returns the local end points of listening TCP sockets, or of bound UDP sockets, IPv4
    /// first, in the order the kernel lists them.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> GetListeners(NetworkNamespace ns, ProtocolType protocol)
    {
        string file = protocol switch
        {
            ProtocolType.Tcp => "tcp",
            ProtocolType.Udp => "udp",
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Only ProtocolType.Tcp and ProtocolType.Udp have sockets in /proc/net."),
        };
        var listeners = new List<IPEndPoint>();
        foreach (string name in new[] { file, file + "6" })
        {
            foreach (string line in ReadLines(ns, name).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || (protocol == ProtocolType.Tcp && fields[3] != TcpListenState))
                {
                    continue;
                }

                IPEndPoint endPoint = ParseEndPoint(fields[1]);
                if (!listeners.Contains(endPoint))
                {
                    listeners.Add(endPoint);
                }
            }
        }

        return listeners;
    }

    /// <summary>Parses "0100007F:1F90" or a 32-digit IPv6 address with its port.</summary>
    internal static IPEndPoint ParseEndPoint(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string addressHex = text[..colon];
        int port = int.Parse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        byte[] bytes = Convert.FromHexString(addressHex);

        // Each 32-bit word was printed from host (little-endian) order.
        for (int word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPEndPoint(new IPAddress(bytes), port);
    }

    private static IEnumerable<string> ReadLines(NetworkNamespace ns, string name)
    {
        string text;
        try
        {
            text = ns.ReadProcNetFile(name);
        }
        catch (FileNotFoundException)
        {
            // tcp6 and udp6 are missing when the kernel has no IPv6.
            return [];
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
