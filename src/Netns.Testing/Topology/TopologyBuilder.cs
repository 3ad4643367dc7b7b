namespace Netns.Testing;

/// <summary>
/// Builds a <see cref="TopologySpec"/> from plain code, with the same capabilities as the attributes:
/// <code>
/// var spec = new TopologyBuilder()
///     .AddNamespace("client", body: true)
///     .AddNamespace("server")
///     .AddVeth("client", "eth0", "198.18.0.1/24", "server", "eth0", "198.18.0.2/24")
///     .ToSpec();
/// </code>
/// </summary>
public sealed class TopologyBuilder
{
    private readonly List<NamespaceSpec> _namespaces = [];
    private readonly List<VethSpec> _veths = [];
    private readonly List<RouteSpec> _routes = [];

    /// <summary>Adds a namespace.</summary>
    public TopologyBuilder AddNamespace(string name, bool body = false, NamespaceOptions? options = null) =>
        AddNamespace(new NamespaceSpec(name) { IsBody = body, Options = options ?? NamespaceOptions.Default });

    /// <summary>Adds a namespace.</summary>
    public TopologyBuilder AddNamespace(NamespaceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _namespaces.Add(spec);
        return this;
    }

    /// <summary>Adds a veth pair with one address (or none, when null) on each end.</summary>
    public TopologyBuilder AddVeth(
        string namespace1,
        string interface1,
        string? address1,
        string namespace2,
        string interface2,
        string? address2,
        int? mtu = null) =>
        AddVeth(new VethSpec(
            new VethEndSpec(namespace1, interface1) { Addresses = address1 is null ? [] : [address1] },
            new VethEndSpec(namespace2, interface2) { Addresses = address2 is null ? [] : [address2] })
        {
            Mtu = mtu,
        });

    /// <summary>Adds a veth pair.</summary>
    public TopologyBuilder AddVeth(VethSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _veths.Add(spec);
        return this;
    }

    /// <summary>Adds a route in a namespace.</summary>
    public TopologyBuilder AddRoute(string @namespace, string destination, string? gateway = null, string? device = null, int? metric = null) =>
        AddRoute(new RouteSpec(@namespace, destination) { Gateway = gateway, Device = device, Metric = metric });

    /// <summary>Adds a route.</summary>
    public TopologyBuilder AddRoute(RouteSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _routes.Add(spec);
        return this;
    }

    /// <summary>Returns the topology declared so far.</summary>
    public TopologySpec ToSpec() => new([.. _namespaces], [.. _veths], [.. _routes]);
}
