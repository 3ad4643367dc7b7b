using System.Net;
using FluentAssertions;

namespace Netns.Testing.FluentAssertions;

public partial class NetworkNamespaceAssertions
{
    /// <summary>
    /// Asserts that an ICMP echo request sent from the namespace to <paramref name="address"/> gets a reply.
    /// </summary>
    /// <param name="address">The IPv4 or IPv6 address to ping.</param>
    /// <param name="timeout">How long to wait for the reply; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> Reach(
        IPAddress address,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(address);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation = $"to reach {address} by ICMP echo within {Escaping.FormatDuration(wait)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.Ping(Subject, address, wait);
            Check(result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    /// <summary>Asserts that an ICMP echo request sent from the namespace to <paramref name="address"/> gets no reply.</summary>
    /// <param name="address">The IPv4 or IPv6 address to ping.</param>
    /// <param name="timeout">How long to wait for a reply that should not come; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotReach(
        IPAddress address,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(address);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation = $"not to reach {address} by ICMP echo within {Escaping.FormatDuration(wait)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.Ping(Subject, address, wait);
            Check(!result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    /// <summary>Asserts that a TCP connection from the namespace to <paramref name="endPoint"/> is established.</summary>
    /// <param name="endPoint">The address and port to connect to.</param>
    /// <param name="timeout">How long to wait for the connection; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> ReachTcp(
        IPEndPoint endPoint,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation = $"to reach {endPoint} by TCP within {Escaping.FormatDuration(wait)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.ConnectTcp(Subject, endPoint, wait);
            Check(result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    /// <summary>
    /// Asserts that a TCP connection from the namespace to <paramref name="endPoint"/> fails: it is
    /// refused, unreachable or not established within the timeout.
    /// </summary>
    /// <param name="endPoint">The address and port to connect to.</param>
    /// <param name="timeout">How long to wait for a connection that should not come; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotReachTcp(
        IPEndPoint endPoint,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation = $"not to reach {endPoint} by TCP within {Escaping.FormatDuration(wait)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.ConnectTcp(Subject, endPoint, wait);
            Check(!result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }

    /// <summary>
    /// Asserts that a UDP datagram sent from the namespace to <paramref name="endPoint"/> gets a
    /// datagram back; <c>Which</c> is the response.
    /// </summary>
    /// <param name="endPoint">The address and port to send to.</param>
    /// <param name="request">The payload of the request datagram.</param>
    /// <param name="timeout">How long to wait for the response; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<NetworkNamespaceAssertions, byte[]> ReachUdp(
        IPEndPoint endPoint,
        byte[] request,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(request);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation =
            $"to get a UDP response from {endPoint} to a request of {ReachabilityProbe.Bytes(request.Length)} within {Escaping.FormatDuration(wait)}";
        byte[] response = [];
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.RequestUdp(Subject, endPoint, request, wait);
            Check(result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
            response = result.Response ?? [];
        }

        return new AndWhichConstraint<NetworkNamespaceAssertions, byte[]>(this, response);
    }

    /// <summary>Asserts that a UDP datagram sent from the namespace to <paramref name="endPoint"/> gets no response.</summary>
    /// <param name="endPoint">The address and port to send to.</param>
    /// <param name="request">The payload of the request datagram.</param>
    /// <param name="timeout">How long to wait for a response that should not come; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotReachUdp(
        IPEndPoint endPoint,
        byte[] request,
        TimeSpan? timeout = null,
        string because = "",
        params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(request);
        TimeSpan wait = timeout ?? DefaultTimeout;
        string expectation =
            $"not to get a UDP response from {endPoint} to a request of {ReachabilityProbe.Bytes(request.Length)} within {Escaping.FormatDuration(wait)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            ProbeResult result = ReachabilityProbe.RequestUdp(Subject, endPoint, request, wait);
            Check(!result.Succeeded, Phrase(expectation), () => result.Outcome, because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }
}
