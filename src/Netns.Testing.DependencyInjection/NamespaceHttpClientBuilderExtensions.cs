using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Configures <see cref="IHttpClientFactory"/> clients whose connections originate in a namespace
/// of the registered topology.
/// </summary>
public static class NamespaceHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes the client's primary handler <see cref="NetworkNamespace.CreateHttpHandler"/> of namespace
    /// <paramref name="namespaceName"/>: every connection is opened from that namespace, whatever
    /// thread sends the request. The handler uses no proxy.
    /// </summary>
    public static IHttpClientBuilder ConfigurePrimaryHttpMessageHandlerInNamespace(this IHttpClientBuilder builder, string namespaceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        return builder.ConfigurePrimaryHttpMessageHandler(
            provider => NamespaceServiceCollectionExtensions.GetNamespace(provider, namespaceName).CreateHttpHandler());
    }

    /// <summary>
    /// Registers a named <see cref="HttpClient"/> whose connections originate in namespace
    /// <paramref name="namespaceName"/>; get it with <c>IHttpClientFactory.CreateClient(name)</c>.
    /// </summary>
    public static IHttpClientBuilder AddNamespaceHttpClient(this IServiceCollection services, string name, string namespaceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        return services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandlerInNamespace(namespaceName);
    }

    /// <summary>
    /// Registers a typed client, <typeparamref name="TClient"/> taking an <see cref="HttpClient"/>,
    /// whose connections originate in namespace <paramref name="namespaceName"/>.
    /// </summary>
    public static IHttpClientBuilder AddNamespaceHttpClient<TClient>(this IServiceCollection services, string namespaceName)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHttpClient<TClient>().ConfigurePrimaryHttpMessageHandlerInNamespace(namespaceName);
    }
}
