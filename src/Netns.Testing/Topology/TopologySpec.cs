using System.Reflection;

namespace Netns.Testing;

/// <summary>
/// The namespaces, veth pairs and routes a test needs, built from attributes or with
/// <see cref="TopologyBuilder"/>. <see cref="Validate"/> finds every problem before anything is created.
/// </summary>
public sealed class TopologySpec
{
    /// <summary>Initializes a topology from its parts; nothing is checked until <see cref="Validate"/>.</summary>
    public TopologySpec(
        IReadOnlyList<NamespaceSpec> namespaces,
        IReadOnlyList<VethSpec>? veths = null,
        IReadOnlyList<RouteSpec>? routes = null)
    {
        Namespaces = namespaces;
        Veths = veths ?? [];
        Routes = routes ?? [];
    }

    /// <summary>The declared namespaces.</summary>
    public IReadOnlyList<NamespaceSpec> Namespaces { get; }

    /// <summary>The declared veth pairs.</summary>
    public IReadOnlyList<VethSpec> Veths { get; }

    /// <summary>The declared routes.</summary>
    public IReadOnlyList<RouteSpec> Routes { get; }

    /// <summary>
    /// The namespace the test body runs in: the one marked as body, or the only one. Null when
    /// that is ambiguous, which <see cref="Validate"/> reports.
    /// </summary>
    public NamespaceSpec? BodyNamespace =>
        Namespaces.Count == 1 ? Namespaces[0] : Namespaces.Count(n => n.IsBody) == 1 ? Namespaces.Single(n => n.IsBody) : null;

    /// <summary>Whether any namespace is declared; tests without declarations run as usual.</summary>
    public bool IsEmpty => Namespaces.Count == 0 && Veths.Count == 0 && Routes.Count == 0;

    /// <summary>
    /// Reads the declarations of a test: those on its class (and base classes) first, then those
    /// on the method.
    /// </summary>
    public static TopologySpec FromAttributes(MethodInfo method, Type? testClass = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        testClass ??= method.ReflectedType;
        var attributes = new List<Attribute>();
        if (testClass is not null)
        {
            attributes.AddRange(testClass.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        attributes.AddRange(method.GetCustomAttributes(inherit: true).OfType<Attribute>());
        return FromAttributes(attributes);
    }

    /// <summary>Reads the core declaration attributes in order, ignoring any others.</summary>
    public static TopologySpec FromAttributes(IEnumerable<Attribute> attributes)
    {
        var builder = new TopologyBuilder();
        foreach (Attribute attribute in attributes)
        {
            switch (attribute)
            {
                case NetNamespaceAttribute ns:
                    builder.AddNamespace(new NamespaceSpec(ns.Name)
                    {
                        IsBody = ns.Body,
                        Options = new NamespaceOptions
                        {
                            IPForwarding = ns.IPForwarding,
                            AllowUnprivilegedPing = ns.AllowUnprivilegedPing,
                        },
                    });
                    break;
                case VethLinkAttribute veth:
                    builder.AddVeth(new VethSpec(
                        new VethEndSpec(veth.Namespace1, veth.Interface1)
                        {
                            Addresses = SplitAddresses(veth.Address1),
                            MacAddress = veth.MacAddress1,
                        },
                        new VethEndSpec(veth.Namespace2, veth.Interface2)
                        {
                            Addresses = SplitAddresses(veth.Address2),
                            MacAddress = veth.MacAddress2,
                        })
                    {
                        Mtu = veth.Mtu == 0 ? null : veth.Mtu,
                    });
                    break;
                case NetRouteAttribute route:
                    builder.AddRoute(new RouteSpec(route.Namespace, route.Destination)
                    {
                        Gateway = route.Gateway,
                        Device = route.Device,
                        Metric = route.Metric < 0 ? null : route.Metric,
                    });
                    break;
            }
        }

        return builder.ToSpec();
    }

    /// <summary>Returns every problem in the declarations, each naming the element, the value and the rule.</summary>
    public IReadOnlyList<TopologyProblem> Validate() => TopologyValidator.Validate(this);

    /// <summary>Throws <see cref="TopologyValidationException"/> listing every problem, if there are any.</summary>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<TopologyProblem> problems = Validate();
        if (problems.Count > 0)
        {
            throw new TopologyValidationException(problems);
        }
    }

    /// <summary>Describes the topology on one line: "client, server; client/eth0 198.18.0.1/24 - server/eth0 198.18.0.2/24".</summary>
    public override string ToString()
    {
        string namespaces = string.Join(", ", Namespaces.Select(n => n.IsBody && Namespaces.Count > 1 ? n.Name + " (body)" : n.Name));
        IEnumerable<string> links = Veths.Select(v => $"{DescribeEnd(v.End1)} - {DescribeEnd(v.End2)}{(v.Mtu is int mtu ? $" mtu {mtu}" : "")}");
        IEnumerable<string> routes = Routes.Select(r =>
            $"{r.Namespace}: {r.Destination}{(r.Gateway is null ? "" : " via " + r.Gateway)}{(r.Device is null ? "" : " dev " + r.Device)}");
        return string.Join("; ", new[] { namespaces }.Concat(links).Concat(routes));
    }

    private static string DescribeEnd(VethEndSpec end) =>
        end.Addresses.Count == 0 ? end.ToString() : $"{end} {string.Join(" ", end.Addresses)}";

    private static IReadOnlyList<string> SplitAddresses(string? addresses) =>
        addresses is null ? [] : addresses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
