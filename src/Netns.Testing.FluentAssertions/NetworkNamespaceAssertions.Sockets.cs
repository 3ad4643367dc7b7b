using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;

namespace Netns.Testing.FluentAssertions;

public partial class NetworkNamespaceAssertions
{
    /// <summary>
    /// Asserts that a socket in the namespace listens on <paramref name="port"/>: a TCP socket in
    /// the LISTEN state, or a bound UDP socket, on any address. It reads the namespace's own
    /// /proc/net files, never the host's.
    /// </summary>
    /// <param name="port">The local port.</param>
    /// <param name="protocol"><see cref="ProtocolType.Tcp"/> or <see cref="ProtocolType.Udp"/>.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<NetworkNamespaceAssertions, IReadOnlyList<IPEndPoint>> BeListeningOn(
        int port,
        ProtocolType protocol = ProtocolType.Tcp,
        string because = "",
        params object[] becauseArgs)
    {
        string expectation = $"to be listening on {Name(protocol)} port {port.ToString(CultureInfo.InvariantCulture)}";
        IReadOnlyList<IPEndPoint> matching = [];
        if (CheckSubject(expectation, because, becauseArgs))
        {
            IReadOnlyList<IPEndPoint> listeners = ProcNetSockets.GetListeners(Subject, protocol);
            matching = listeners.Where(e => e.Port == port).ToList();
            Check(matching.Count > 0, Phrase(expectation), () => DescribeListeners(protocol, listeners), because, becauseArgs);
        }

        return new AndWhichConstraint<NetworkNamespaceAssertions, IReadOnlyList<IPEndPoint>>(this, matching);
    }

    /// <summary>Asserts that no TCP socket listens, or no UDP socket is bound, on <paramref name="port"/> in the namespace.</summary>
    /// <param name="port">The local port.</param>
    /// <param name="protocol"><see cref="ProtocolType.Tcp"/> or <see cref="ProtocolType.Udp"/>.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotBeListeningOn(
        int port,
        ProtocolType protocol = ProtocolType.Tcp,
        string because = "",
        params object[] becauseArgs)
    {
        string expectation = $"not to be listening on {Name(protocol)} port {port.ToString(CultureInfo.InvariantCulture)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            List<IPEndPoint> matching = ProcNetSockets.GetListeners(Subject, protocol).Where(e => e.Port == port).ToList();
            Check(
                matching.Count == 0,
                Phrase(expectation),
                () => $"namespace {Quote(Subject.Name)} {Verb(protocol)} {string.Join(", ", matching)}",
                because,
                becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    private string DescribeListeners(ProtocolType protocol, IReadOnlyList<IPEndPoint> listeners) => listeners.Count == 0
        ? $"namespace {Quote(Subject.Name)} has no {(protocol == ProtocolType.Tcp ? "listening TCP" : "bound UDP")} socket"
        : $"namespace {Quote(Subject.Name)} {Verb(protocol)} only {string.Join(", ", listeners)}";

    private static string Verb(ProtocolType protocol) => protocol == ProtocolType.Tcp ? "listens on" : "has UDP sockets bound to";

    private static string Name(ProtocolType protocol) => protocol switch
    {
        ProtocolType.Tcp => "TCP",
        ProtocolType.Udp => "UDP",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Give ProtocolType.Tcp or ProtocolType.Udp."),
    };
}
