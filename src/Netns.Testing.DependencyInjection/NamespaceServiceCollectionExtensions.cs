using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Registers services whose constructors run inside a namespace of the registered topology,
/// whatever thread resolves them, so sockets they open while being constructed belong to that
/// namespace and never to the host's.
/// </summary>
/// <remarks>
/// A plain <c>AddSingleton</c> service is constructed on the thread that first resolves it: from
/// a test's host thread, a socket its constructor opens is bound in the host namespace. Register
/// such services with these methods, or open their sockets through an
/// <see cref="INamespaceSocketFactory"/>, which works from any thread and with any lifetime.
/// </remarks>
public static class NamespaceServiceCollectionExtensions
{
    /// <summary>Registers a singleton constructed inside namespace <paramref name="namespaceName"/>.</summary>
    public static IServiceCollection AddSingletonInNamespace<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        this IServiceCollection services,
        string namespaceName)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return services.AddSingleton<TService>(provider => CreateInNamespace<TImplementation>(provider, namespaceName));
    }

    /// <summary>Registers a singleton of a concrete type constructed inside namespace <paramref name="namespaceName"/>.</summary>
    public static IServiceCollection AddSingletonInNamespace<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(
        this IServiceCollection services,
        string namespaceName)
        where TService : class =>
        services.AddSingletonInNamespace<TService, TService>(namespaceName);

    /// <summary>Registers a singleton whose factory runs inside namespace <paramref name="namespaceName"/>.</summary>
    public static IServiceCollection AddSingletonInNamespace<TService>(
        this IServiceCollection services,
        string namespaceName,
        Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddSingleton(provider => GetNamespace(provider, namespaceName).Run(() => factory(provider)));
    }

    /// <summary>
    /// Registers a singleton constructed inside namespace <paramref name="namespaceName"/> and keyed
    /// by that name, for one instance per namespace: <c>[FromKeyedServices("client")] TService</c>.
    /// </summary>
    public static IServiceCollection AddKeyedSingletonInNamespace<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        this IServiceCollection services,
        string namespaceName)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return services.AddKeyedSingleton<TService>(
            namespaceName,
            (provider, _) => CreateInNamespace<TImplementation>(provider, namespaceName));
    }

    /// <summary>Registers a transient service, each instance constructed inside namespace <paramref name="namespaceName"/>.</summary>
    public static IServiceCollection AddTransientInNamespace<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        this IServiceCollection services,
        string namespaceName)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return services.AddTransient<TService>(provider => CreateInNamespace<TImplementation>(provider, namespaceName));
    }

    internal static NetworkNamespace GetNamespace(IServiceProvider provider, string namespaceName)
    {
        NetworkNamespace? ns = provider.GetKeyedService<NetworkNamespace>(namespaceName);
        if (ns is null)
        {
            throw new InvalidOperationException(
                $"No namespace named '{namespaceName}' is registered. Register the topology that declares it with " +
                "AddNetworkTopology, and check the spelling of the name.");
        }

        return ns;
    }

    private static T CreateInNamespace<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        IServiceProvider provider,
        string namespaceName)
        where T : class =>
        GetNamespace(provider, namespaceName).Run(() => ActivatorUtilities.CreateInstance<T>(provider));
}
