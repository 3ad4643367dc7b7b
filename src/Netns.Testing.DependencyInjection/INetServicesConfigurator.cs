using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Adds a test's services to a collection that already contains its topology; named by
/// <see cref="NetServicesAttribute"/> and created with its public parameterless constructor.
/// </summary>
public interface INetServicesConfigurator
{
    /// <summary>
    /// Adds services. The built topology, its namespaces (keyed by name) and their socket
    /// factories are already registered.
    /// </summary>
    void Configure(IServiceCollection services, Topology topology);
}
