namespace Netns.Testing;

/// <summary>A declared network namespace.</summary>
/// <param name="Name">The logical name, unique within the topology.</param>
public sealed record NamespaceSpec(string Name)
{
    /// <summary>Whether the test body runs in this namespace.</summary>
    public bool IsBody { get; init; }

    /// <summary>Settings applied when the namespace is created.</summary>
    public NamespaceOptions Options { get; init; } = NamespaceOptions.Default;
}

/// <summary>One end of a declared veth pair.</summary>
/// <param name="Namespace">The namespace the end is created in.</param>
/// <param name="Interface">The interface name, at most 15 bytes.</param>
public sealed record VethEndSpec(string Namespace, string Interface)
{
    /// <summary>Addresses as address/prefix text; validation reports any that do not parse.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The MAC address text, or null for a random one.</summary>
    public string? MacAddress { get; init; }

    /// <summary>Formats the end as "ns1/eth0".</summary>
    public override string ToString() => $"{Namespace}/{Interface}";
}

/// <summary>A declared veth pair.</summary>
/// <param name="End1">The first end.</param>
/// <param name="End2">The second end.</param>
public sealed record VethSpec(VethEndSpec End1, VethEndSpec End2)
{
    /// <summary>The MTU of both ends, or null for the kernel's default.</summary>
    public int? Mtu { get; init; }

    /// <summary>Describes the pair as its declaring attribute reads.</summary>
    public string Element => $"[VethLink(\"{End1.Namespace}\", \"{End1.Interface}\", \"{End2.Namespace}\", \"{End2.Interface}\")]";
}

/// <summary>A declared route.</summary>
/// <param name="Namespace">The namespace the route is added in.</param>
/// <param name="Destination">The destination network text, or "default".</param>
public sealed record RouteSpec(string Namespace, string Destination)
{
    /// <summary>The next-hop address text, or null.</summary>
    public string? Gateway { get; init; }

    /// <summary>The output interface, or null.</summary>
    public string? Device { get; init; }

    /// <summary>The metric, or null for the kernel's default.</summary>
    public int? Metric { get; init; }

    /// <summary>Describes the route as its declaring attribute reads.</summary>
    public string Element => $"[NetRoute(\"{Namespace}\", \"{Destination}\")]";
}
