using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Registers a network topology in a service collection: the <see cref="Topology"/> itself, each
/// namespace as a keyed <see cref="NetworkNamespace"/> and a keyed <see cref="INamespaceSocketFactory"/>,
/// both under the namespace's logical name.
/// </summary>
/// <remarks>
/// A topology given as a declaration is built on its first resolve (or by
/// <see cref="NamespaceServiceProviderExtensions.GetNetworkTopologyAsync"/>) and disposed with the
/// provider. A topology built by the caller stays the caller's: dispose the provider first, then
/// the topology.
/// </remarks>
public static class NetworkTopologyServiceCollectionExtensions
{
    /// <summary>Registers a topology the caller built and disposes after the provider.</summary>
    public static IServiceCollection AddNetworkTopology(this IServiceCollection services, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(topology);
        ThrowIfRegistered(services);
        services.AddSingleton(new NetworkTopologyLifetime(topology));
        services.AddSingleton(topology);
        foreach (NetworkNamespace ns in topology.Namespaces.Values)
        {
            // Instances are never disposed by the provider, so the caller's ownership holds.
            services.AddKeyedSingleton(ns.Name, ns);
        }

        AddSocketFactories(services, topology.Namespaces.Keys);
        return services;
    }

    /// <summary>
    /// Registers a declared topology, built as a singleton on its first resolve and disposed with
    /// the provider. The declaration is validated now, so mistakes surface at registration.
    /// </summary>
    /// <exception cref="TopologyValidationException">The declaration has problems.</exception>
    public static IServiceCollection AddNetworkTopology(this IServiceCollection services, TopologySpec spec)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsEmpty)
        {
            throw new ArgumentException(
                "The topology declares no namespace; declare at least one, for example with TopologyBuilder.AddNamespace(\"server\").",
                nameof(spec));
        }

        spec.ThrowIfInvalid();
        ThrowIfRegistered(services);
        services.AddSingleton(provider => new NetworkTopologyLifetime(
            spec,
            provider.GetService<ILoggerFactory>()?.CreateLogger("Netns.Testing.Topology")));
        services.AddSingleton(provider => provider.GetRequiredService<NetworkTopologyLifetime>().Get());
        foreach (NamespaceSpec ns in spec.Namespaces)
        {
            string name = ns.Name;
            services.AddKeyedSingleton(name, (provider, _) => provider.GetRequiredService<Topology>()[name]);
        }

        AddSocketFactories(services, spec.Namespaces.Select(n => n.Name));
        return services;
    }

    /// <summary>Registers a topology declared with a <see cref="TopologyBuilder"/>; see <see cref="AddNetworkTopology(IServiceCollection, TopologySpec)"/>.</summary>
    public static IServiceCollection AddNetworkTopology(this IServiceCollection services, Action<TopologyBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new TopologyBuilder();
        configure(builder);
        return services.AddNetworkTopology(builder.ToSpec());
    }

    /// <summary>
    /// Registers the topology a test method declares with <see cref="NetNamespaceAttribute"/>,
    /// <see cref="VethLinkAttribute"/> and <see cref="NetRouteAttribute"/> on itself and its class;
    /// see <see cref="AddNetworkTopology(IServiceCollection, TopologySpec)"/>.
    /// </summary>
    public static IServiceCollection AddNetworkTopology(this IServiceCollection services, MethodInfo testMethod, Type? testClass = null)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        return services.AddNetworkTopology(TopologySpec.FromAttributes(testMethod, testClass));
    }

    private static void AddSocketFactories(IServiceCollection services, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            services.AddKeyedSingleton<INamespaceSocketFactory>(
                name,
                (provider, key) => new NamespaceSocketFactory(provider.GetRequiredKeyedService<NetworkNamespace>(key)));
        }
    }

    private static void ThrowIfRegistered(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(NetworkTopologyLifetime)))
        {
            throw new InvalidOperationException(
                "A network topology is already registered in this service collection, and a collection can contain only one. " +
                "Declare every namespace in one topology.");
        }
    }
}
