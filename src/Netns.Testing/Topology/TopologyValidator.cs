using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace Netns.Testing;

/// <summary>Finds every problem in a <see cref="TopologySpec"/> before anything is created.</summary>
internal static class TopologyValidator
{
    // IFNAMSIZ is 16 bytes including the terminating NUL.
    private const int MaxInterfaceNameBytes = 15;

    // The IPv4 minimum MTU (RFC 791) and the largest MTU a veth accepts (ETH_MAX_MTU).
    private const int MinMtu = 68;
    private const int MaxMtu = 65535;

    // The IPv6 minimum link MTU (RFC 8200).
    private const int MinIPv6Mtu = 1280;

    public static IReadOnlyList<TopologyProblem> Validate(TopologySpec spec)
    {
        var problems = new List<TopologyProblem>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        ValidateNamespaces(spec, declared, problems);

        // Interfaces by namespace; every namespace has lo.
        var interfaces = declared.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal) { "lo" });
        var addresses = new Dictionary<IPAddress, string>();
        foreach (VethSpec veth in spec.Veths)
        {
            if (veth.Mtu is int mtu && (mtu < MinMtu || mtu > MaxMtu))
            {
                problems.Add(new(veth.Element, $"Mtu = {mtu}", $"an MTU is {MinMtu} to {MaxMtu} bytes"));
            }
            else if (veth.Mtu < MinIPv6Mtu && HasIPv6Address(veth))
            {
                // The kernel keeps no IPv6 state on a device below the IPv6 minimum MTU, so adding
                // the address would fail with EINVAL.
                problems.Add(new(veth.Element, $"Mtu = {veth.Mtu}",
                    $"an interface with an IPv6 address needs an MTU of at least {MinIPv6Mtu} bytes"));
            }

            foreach (VethEndSpec end in new[] { veth.End1, veth.End2 })
            {
                ValidateEnd(veth, end, declared, interfaces, addresses, problems);
            }
        }

        foreach (RouteSpec route in spec.Routes)
        {
            ValidateRoute(route, declared, interfaces, problems);
        }

        return problems;
    }

    private static void ValidateNamespaces(TopologySpec spec, HashSet<string> declared, List<TopologyProblem> problems)
    {
        if (spec.Namespaces.Count == 0)
        {
            problems.Add(new("[NetNamespace]", "none", "a test with links or routes must declare at least one namespace"));
        }

        foreach (NamespaceSpec ns in spec.Namespaces)
        {
            if (string.IsNullOrWhiteSpace(ns.Name))
            {
                problems.Add(new("[NetNamespace]", $"'{ns.Name}'", "a namespace name must not be empty"));
            }
            else if (!declared.Add(ns.Name))
            {
                problems.Add(new($"[NetNamespace(\"{ns.Name}\")]", $"'{ns.Name}'", "each namespace name must be declared once"));
            }
        }

        var bodies = spec.Namespaces.Where(n => n.IsBody).Select(n => n.Name).ToList();
        // Distinct names: a name declared twice is reported above, not as a second namespace.
        if (declared.Count > 1 && bodies.Count == 0)
        {
            problems.Add(new("[NetNamespace]", string.Join(", ", spec.Namespaces.Select(n => $"'{n.Name}'")),
                "a test with several namespaces must mark the one its body runs in with Body = true"));
        }
        else if (bodies.Count > 1)
        {
            problems.Add(new("[NetNamespace(Body = true)]", string.Join(", ", bodies.Select(n => $"'{n}'")),
                "only one namespace may be the body namespace"));
        }
    }

    private static void ValidateEnd(
        VethSpec veth,
        VethEndSpec end,
        HashSet<string> declared,
        Dictionary<string, HashSet<string>> interfaces,
        Dictionary<IPAddress, string> addresses,
        List<TopologyProblem> problems)
    {
        string element = veth.Element;
        if (!declared.Contains(end.Namespace))
        {
            problems.Add(new(element, $"'{end.Namespace}'",
                $"the namespace of each end must be declared with [NetNamespace(\"{end.Namespace}\")]"));
        }

        if (GetInterfaceNameProblem(end.Interface) is string rule)
        {
            problems.Add(new(element, $"'{end.Interface}'", rule));
        }
        else if (interfaces.TryGetValue(end.Namespace, out HashSet<string>? names) && !names.Add(end.Interface))
        {
            problems.Add(new(element, $"'{end.Interface}'",
                $"interface names must be unique within namespace '{end.Namespace}'"));
        }

        foreach (string text in end.Addresses)
        {
            if (!InterfaceAddress.TryParseWithRule(text, out InterfaceAddress address, out string? error))
            {
                problems.Add(new(element, $"'{text}'", error));
            }
            else if (!addresses.TryAdd(address.Address, end.ToString()))
            {
                problems.Add(new(element, $"'{text}'",
                    $"each address must be assigned once in the topology, and {address.Address} is already on {addresses[address.Address]}"));
            }
        }

        if (end.MacAddress is not null && GetMacProblem(end.MacAddress) is string macRule)
        {
            problems.Add(new(element, $"'{end.MacAddress}'", macRule));
        }
    }

    private static void ValidateRoute(
        RouteSpec route,
        HashSet<string> declared,
        Dictionary<string, HashSet<string>> interfaces,
        List<TopologyProblem> problems)
    {
        string element = route.Element;
        if (!declared.Contains(route.Namespace))
        {
            problems.Add(new(element, $"'{route.Namespace}'",
                $"the namespace of a route must be declared with [NetNamespace(\"{route.Namespace}\")]"));
        }

        IPAddress? gateway = null;
        if (route.Gateway is not null && !IPAddress.TryParse(route.Gateway, out gateway))
        {
            problems.Add(new(element, $"Gateway = '{route.Gateway}'", "a gateway must be an IPv4 or IPv6 address"));
        }

        if (!TryParseDestination(route.Destination, gateway?.AddressFamily, out IPNetwork destination, out string? error))
        {
            problems.Add(new(element, $"'{route.Destination}'", error));
        }
        else if (gateway is not null && gateway.AddressFamily != destination.BaseAddress.AddressFamily)
        {
            problems.Add(new(element, $"Gateway = '{route.Gateway}'", "the gateway must be of the destination's address family"));
        }

        if (route.Metric < 0)
        {
            problems.Add(new(element, $"Metric = {route.Metric}",
                "a metric is 0 or more; leave it out for the kernel's default"));
        }

        if (route.Gateway is null && route.Device is null)
        {
            problems.Add(new(element, "no Gateway or Device", "a route needs a gateway, a device or both"));
        }

        if (route.Device is not null && interfaces.TryGetValue(route.Namespace, out HashSet<string>? names) && !names.Contains(route.Device))
        {
            problems.Add(new(element, $"Device = '{route.Device}'",
                $"the device must be an interface declared in namespace '{route.Namespace}'"));
        }
    }

    private static bool HasIPv6Address(VethSpec veth) =>
        veth.End1.Addresses.Concat(veth.End2.Addresses).Any(text =>
            InterfaceAddress.TryParseWithRule(text, out InterfaceAddress address, out _) &&
            address.AddressFamily == AddressFamily.InterNetworkV6);

    /// <summary>Parses a route destination; "default" takes the gateway's family, or IPv4.</summary>
    internal static bool TryParseDestination(string text, AddressFamily? family, out IPNetwork destination, out string error)
    {
        error = "";
        if (string.Equals(text, "default", StringComparison.OrdinalIgnoreCase))
        {
            destination = family == AddressFamily.InterNetworkV6 ? new IPNetwork(IPAddress.IPv6Any, 0) : new IPNetwork(IPAddress.Any, 0);
            return true;
        }

        if (!InterfaceAddress.TryParseWithRule(text, out InterfaceAddress address, out string? parseError))
        {
            destination = default;
            error = parseError;
            return false;
        }

        if (!address.Network.BaseAddress.Equals(address.Address))
        {
            destination = default;
            error = $"a destination network has no host bits set; write {address.Network}";
            return false;
        }

        destination = address.Network;
        return true;
    }

    internal static string? GetInterfaceNameProblem(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "an interface name must not be empty";
        }

        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxInterfaceNameBytes)
        {
            return $"an interface name is at most {MaxInterfaceNameBytes} bytes (IFNAMSIZ), and this one is {bytes}";
        }

        if (name is "." or ".." || name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c)))
        {
            return "an interface name must not be '.' or '..' nor contain '/', ':' or whitespace";
        }

        return null;
    }

    private static string? GetMacProblem(string text)
    {
        try
        {
            byte[] bytes = PhysicalAddress.Parse(text).GetAddressBytes();
            if (bytes.Length != 6)
            {
                return "a MAC address has 6 bytes, such as 02:00:00:00:00:01";
            }

            return (bytes[0] & 1) != 0 ? "a MAC address of an interface must be unicast (lowest bit of the first byte clear)" : null;
        }
        catch (FormatException)
        {
            return "a MAC address is written as six hex bytes, such as 02:00:00:00:00:01";
        }
    }
}
