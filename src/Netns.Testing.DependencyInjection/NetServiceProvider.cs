using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Builds the service provider of a test from its <see cref="NetServicesAttribute"/>, for test
/// adapters. The caller disposes the provider (with DisposeAsync) before the topology.
/// </summary>
public static class NetServiceProvider
{
    /// <summary>
    /// Builds a provider holding <paramref name="topology"/> (which stays the caller's), its
    /// namespaces and socket factories, and the services <paramref name="configuratorType"/> adds.
    /// Scopes and registrations are validated while building.
    /// </summary>
    /// <exception cref="ArgumentException">The configurator type cannot be used; the message states why.</exception>
    public static ServiceProvider Build(Topology topology, Type configuratorType)
    {
        ArgumentNullException.ThrowIfNull(topology);
        INetServicesConfigurator configurator = CreateConfigurator(configuratorType);
        var services = new ServiceCollection();
        services.AddNetworkTopology(topology);
        configurator.Configure(services, topology);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>
    /// Builds the provider that the test's <see cref="NetServicesAttribute"/> names, or returns
    /// null when the test has none.
    /// </summary>
    public static ServiceProvider? BuildFor(Topology topology, MethodInfo testMethod, Type? testClass = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Type? configuratorType = FindConfiguratorType(testMethod, testClass);
        return configuratorType is null ? null : Build(topology, configuratorType);
    }

    /// <summary>Returns the configurator type of the test's <see cref="NetServicesAttribute"/>, the method's before the class's.</summary>
    public static Type? FindConfiguratorType(MethodInfo testMethod, Type? testClass = null)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        testClass ??= testMethod.ReflectedType;
        NetServicesAttribute? attribute = testMethod.GetCustomAttribute<NetServicesAttribute>(inherit: true)
            ?? testClass?.GetCustomAttribute<NetServicesAttribute>(inherit: true);
        return attribute?.ConfiguratorType;
    }

    /// <summary>
    /// Resolves the arguments of <paramref name="testMethod"/> from <paramref name="services"/>: a
    /// parameter marked <see cref="FromKeyedServicesAttribute"/> gets the keyed service, any other
    /// the service of its type.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter has no registered service; the message names it.</exception>
    public static object?[] ResolveArguments(IServiceProvider services, MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(testMethod);
        ParameterInfo[] parameters = testMethod.GetParameters();
        var arguments = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            arguments[i] = ResolveArgument(services, testMethod, parameters[i]);
        }

        return arguments;
    }

    internal static object ResolveArgument(IServiceProvider services, MethodInfo testMethod, ParameterInfo parameter)
    {
        FromKeyedServicesAttribute? keyed = parameter.GetCustomAttribute<FromKeyedServicesAttribute>();
        object? value = keyed is null
            ? services.GetService(parameter.ParameterType)
            : (services as IKeyedServiceProvider)?.GetKeyedService(parameter.ParameterType, keyed.Key);
        if (value is null)
        {
            string key = keyed is null ? "" : $" with key '{keyed.Key}'";
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {testMethod.DeclaringType?.Name}.{testMethod.Name} needs a " +
                $"{parameter.ParameterType.Name}{key}, and none is registered. Register it in the configurator of [NetServices].");
        }

        return value;
    }

    private static INetServicesConfigurator CreateConfigurator(Type configuratorType)
    {
        ArgumentNullException.ThrowIfNull(configuratorType);
        if (!typeof(INetServicesConfigurator).IsAssignableFrom(configuratorType) || configuratorType.IsAbstract)
        {
            throw new ArgumentException(
                $"[NetServices(typeof({configuratorType.Name}))] names a type that is not a class implementing " +
                $"{nameof(INetServicesConfigurator)}; implement {nameof(INetServicesConfigurator)}.{nameof(INetServicesConfigurator.Configure)} in it.",
                nameof(configuratorType));
        }

        if (configuratorType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"[NetServices(typeof({configuratorType.Name}))] names a type without a public parameterless constructor; add one.",
                nameof(configuratorType));
        }

        return (INetServicesConfigurator)Activator.CreateInstance(configuratorType)!;
    }
}
