namespace Netns.Testing;

/// <summary>Settings applied to a network namespace when it is created.</summary>
public sealed record NamespaceOptions
{
    internal static readonly NamespaceOptions Default = new();

    /// <summary>
    /// Whether IPv6 duplicate address detection stays off for new interfaces (accept_dad = 0), so
    /// link-local addresses are usable at once. Defaults to true.
    /// </summary>
    public bool DisableDuplicateAddressDetection { get; init; } = true;

    /// <summary>Whether the namespace forwards IPv4 and IPv6 packets between its interfaces, as a router does.</summary>
    public bool IPForwarding { get; init; }

    /// <summary>
    /// Whether every group may open unprivileged ICMP echo sockets (net.ipv4.ping_group_range),
    /// as non-root ping programs need.
    /// </summary>
    public bool AllowUnprivilegedPing { get; init; }

    /// <summary>Further net sysctls to set, by name such as <c>net.ipv4.tcp_syn_retries</c>.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
}
