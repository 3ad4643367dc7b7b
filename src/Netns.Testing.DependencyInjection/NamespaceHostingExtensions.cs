using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Netns.Testing.DependencyInjection;

/// <summary>Runs hosted services, or a whole host, inside a network namespace.</summary>
public static class NamespaceHostingExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TService"/> as a singleton constructed inside namespace
    /// <paramref name="namespaceName"/>, and as a hosted service whose StartAsync and StopAsync run
    /// on that namespace's thread. Its listening sockets are created in the namespace; resolve
    /// <typeparamref name="TService"/> to reach the running instance.
    /// </summary>
    /// <remarks>
    /// Disposing the provider stops the service first if the host did not, then disposes it, and
    /// only then the namespaces of a topology the provider owns.
    /// </remarks>
    public static IServiceCollection AddHostedServiceInNamespace<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(
        this IServiceCollection services,
        string namespaceName)
        where TService : class, IHostedService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        services.AddSingletonInNamespace<TService>(namespaceName);

        // Resolving the service before creating the wrapper makes the provider dispose the
        // wrapper (which stops the service) before the service and before the namespace.
        services.AddSingleton<IHostedService>(provider =>
        {
            NetworkNamespace ns = NamespaceServiceCollectionExtensions.GetNamespace(provider, namespaceName);
            TService service = provider.GetRequiredService<TService>();
            return new NamespaceHostedService<TService>(ns, service, provider.GetService<ILoggerFactory>());
        });
        return services;
    }

    /// <summary>
    /// Starts <paramref name="host"/> on the thread of <paramref name="ns"/>: hosted services are
    /// constructed and started there, so their listening sockets belong to the namespace, and the
    /// loops they start keep running there.
    /// </summary>
    public static Task StartInNamespaceAsync(this IHost host, NetworkNamespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ns);
        return ns.RunAsync(() => host.StartAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Stops a host started with <see cref="StartInNamespaceAsync"/>, on the thread of <paramref name="ns"/>.</summary>
    public static Task StopInNamespaceAsync(this IHost host, NetworkNamespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ns);
        return ns.RunAsync(() => host.StopAsync(cancellationToken), CancellationToken.None);
    }
}
