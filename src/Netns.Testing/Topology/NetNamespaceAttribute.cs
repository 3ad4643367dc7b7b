namespace Netns.Testing;

/// <summary>
/// Declares a network namespace that a test needs. Repeat it for several namespaces; on a class
/// it applies to every test in the class. When a test declares several, mark the one its body
/// runs in with <see cref="Body"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class NetNamespaceAttribute : Attribute
{
    /// <summary>Declares a namespace with a logical name, unique within the test.</summary>
    public NetNamespaceAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The logical name, such as "client"; parallel tests may use the same names.</summary>
    public string Name { get; }

    /// <summary>Whether the test body runs in this namespace. Needed only when the test declares several.</summary>
    public bool Body { get; set; }

    /// <summary>Whether the namespace forwards packets between its interfaces, as a router does.</summary>
    public bool IPForwarding { get; set; }

    /// <summary>Whether non-root programs may open ICMP echo sockets in the namespace (net.ipv4.ping_group_range).</summary>
    public bool AllowUnprivilegedPing { get; set; }
}
