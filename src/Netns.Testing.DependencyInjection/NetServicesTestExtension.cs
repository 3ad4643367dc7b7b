using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Builds the provider of a test marked <see cref="NetServicesAttribute"/> for the xunit and NUnit
/// adapters, and fills body parameters from it. It registers itself when this assembly is first used,
/// so the adapters need no reference to dependency injection.
/// </summary>
internal sealed class NetServicesTestExtension : ITopologyTestExtension
{
    private static readonly NetServicesTestExtension s_instance = new();

    // A library module initializer is the point here: the adapters find this extension through the
    // attribute a test carries, without referencing this assembly.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => TopologyTestExtensions.Register(s_instance);

    /// <summary>
    /// With <see cref="NetServicesAttribute"/>, every parameter comes from the provider except a
    /// <see cref="NetworkNamespace"/> without <see cref="FromKeyedServicesAttribute"/>, which the
    /// adapter fills by the parameter's name.
    /// </summary>
    public bool Supplies(ParameterInfo parameter, Type testClass) =>
        parameter.Member is MethodInfo method &&
        NetServiceProvider.FindConfiguratorType(method, testClass) is not null &&
        (parameter.ParameterType != typeof(NetworkNamespace) || parameter.IsDefined(typeof(FromKeyedServicesAttribute)));

    public ITopologyTestScope? CreateScope(Topology topology, MethodInfo testMethod, Type testClass) =>
        NetServiceProvider.BuildFor(topology, testMethod, testClass) is ServiceProvider provider
            ? new Scope(provider, testMethod)
            : null;

    private sealed class Scope(ServiceProvider provider, MethodInfo testMethod) : ITopologyTestScope
    {
        public IServiceProvider Services => provider;

        public bool TryGetArgument(ParameterInfo parameter, out object? value)
        {
            if (parameter.IsDefined(typeof(FromKeyedServicesAttribute)))
            {
                // A keyed parameter belongs to the provider, so a missing service fails with its name.
                value = NetServiceProvider.ResolveArgument(provider, testMethod, parameter);
                return true;
            }

            value = provider.GetService(parameter.ParameterType);
            return value is not null;
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
