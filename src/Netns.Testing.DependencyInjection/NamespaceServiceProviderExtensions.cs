using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>Resolves services inside a namespace and reaches the registered topology.</summary>
public static class NamespaceServiceProviderExtensions
{
    /// <summary>
    /// Returns the registered topology, building a declared one on the first call without
    /// blocking a thread. Call it before resolving other services to build the topology eagerly.
    /// </summary>
    /// <exception cref="InvalidOperationException">No topology is registered.</exception>
    /// <exception cref="TopologyBuildException">Building the declared topology failed.</exception>
    public static Task<Topology> GetNetworkTopologyAsync(this IServiceProvider provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        NetworkTopologyLifetime lifetime = provider.GetService<NetworkTopologyLifetime>()
            ?? throw new InvalidOperationException(
                "No network topology is registered in this service provider; register one with AddNetworkTopology.");
        return lifetime.GetAsync(cancellationToken);
    }

    /// <summary>
    /// Resolves <typeparamref name="T"/> on the thread of namespace <paramref name="namespaceName"/>,
    /// so a service constructed by this call opens its sockets there. A singleton created earlier
    /// elsewhere is returned as it is.
    /// </summary>
    public static T GetRequiredServiceInNamespace<T>(this IServiceProvider provider, string namespaceName)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return NamespaceServiceCollectionExtensions.GetNamespace(provider, namespaceName)
            .Run(provider.GetRequiredService<T>);
    }

    /// <summary>
    /// Resolves <typeparamref name="T"/> on the thread of <paramref name="ns"/> without blocking the
    /// caller; see <see cref="GetRequiredServiceInNamespace{T}(IServiceProvider, string)"/>.
    /// </summary>
    public static Task<T> GetRequiredServiceInNamespaceAsync<T>(
        this IServiceProvider provider,
        NetworkNamespace ns,
        CancellationToken cancellationToken = default)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(ns);
        return ns.RunAsync(() => Task.FromResult(provider.GetRequiredService<T>()), cancellationToken);
    }

    /// <summary>
    /// Creates a new <typeparamref name="T"/> with <see cref="ActivatorUtilities"/> on the thread of
    /// namespace <paramref name="namespaceName"/>; the caller owns and disposes it.
    /// </summary>
    /// <param name="provider">The provider that supplies constructor arguments.</param>
    /// <param name="namespaceName">The logical name of the namespace.</param>
    /// <param name="arguments">Constructor arguments that are not taken from the provider.</param>
    public static T CreateInstanceInNamespace<T>(this IServiceProvider provider, string namespaceName, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return NamespaceServiceCollectionExtensions.GetNamespace(provider, namespaceName)
            .Run(() => ActivatorUtilities.CreateInstance<T>(provider, arguments));
    }
}
