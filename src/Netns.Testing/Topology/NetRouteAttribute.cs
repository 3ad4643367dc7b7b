namespace Netns.Testing;

/// <summary>
/// Declares a route in a declared namespace: <c>[NetRoute("client", "198.18.2.0/24", Gateway = "198.18.1.1")]</c>.
/// Use "default" as the destination for a default route of the gateway's family.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class NetRouteAttribute : Attribute
{
    /// <summary>Declares a route to <paramref name="destination"/> in namespace <paramref name="namespace"/>.</summary>
    public NetRouteAttribute(string @namespace, string destination)
    {
        Namespace = @namespace;
        Destination = destination;
    }

    /// <summary>The namespace the route is added in.</summary>
    public string Namespace { get; }

    /// <summary>The destination network, such as "198.18.2.0/24", or "default".</summary>
    public string Destination { get; }

    /// <summary>The next-hop address, or null for a route on the link of <see cref="Device"/>.</summary>
    public string? Gateway { get; set; }

    /// <summary>The output interface, or null to let the kernel choose it from the gateway.</summary>
    public string? Device { get; set; }

    /// <summary>The route metric; -1 keeps the kernel's default.</summary>
    public int Metric { get; set; } = -1;
}
