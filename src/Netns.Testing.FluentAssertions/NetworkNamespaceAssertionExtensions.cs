using System.Diagnostics.Contracts;

namespace Netns.Testing.FluentAssertions;

/// <summary>Entry point of the assertions on a <see cref="NetworkNamespace"/>.</summary>
public static class NetworkNamespaceAssertionExtensions
{
    /// <summary>Returns an object that asserts on the reachability and network state of <paramref name="ns"/>.</summary>
    [Pure]
    public static NetworkNamespaceAssertions Should(this NetworkNamespace ns) => new(ns);
}
