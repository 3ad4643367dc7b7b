namespace Netns.Testing;

/// <summary>
/// Declares a veth pair between two declared namespaces: <c>[VethLink("client", "eth0", "server", "eth0",
/// Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]</c>. Both ends are created directly in
/// their namespaces and set up.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class VethLinkAttribute : Attribute
{
    /// <summary>Declares a veth pair by the namespace and interface name of each end.</summary>
    public VethLinkAttribute(string namespace1, string interface1, string namespace2, string interface2)
    {
        Namespace1 = namespace1;
        Interface1 = interface1;
        Namespace2 = namespace2;
        Interface2 = interface2;
    }

    /// <summary>The namespace of the first end.</summary>
    public string Namespace1 { get; }

    /// <summary>The interface name of the first end, at most 15 bytes.</summary>
    public string Interface1 { get; }

    /// <summary>The namespace of the second end.</summary>
    public string Namespace2 { get; }

    /// <summary>The interface name of the second end, at most 15 bytes.</summary>
    public string Interface2 { get; }

    /// <summary>Addresses of the first end as address/prefix, comma-separated: "198.18.0.1/24, fd5e:7e57::1/64".</summary>
    public string? Address1 { get; set; }

    /// <summary>Addresses of the second end as address/prefix, comma-separated.</summary>
    public string? Address2 { get; set; }

    /// <summary>The MTU of both ends in bytes; 0 keeps the kernel's default of 1500.</summary>
    public int Mtu { get; set; }

    /// <summary>The MAC address of the first end, such as "02:00:00:00:00:01"; null for a random one.</summary>
    public string? MacAddress1 { get; set; }

    /// <summary>The MAC address of the second end; null for a random one.</summary>
    public string? MacAddress2 { get; set; }
}
