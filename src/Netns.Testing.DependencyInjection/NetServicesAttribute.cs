namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Gives a test a service provider composed by <see cref="ConfiguratorType"/> over its topology:
/// <c>[NetServices(typeof(EchoServices))]</c>. The xunit and NUnit adapters build the provider after
/// the topology and dispose it before the topology. Other runners can do the same with
/// <see cref="NetServiceProvider.BuildFor"/>. On a method it replaces one on the class.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NetServicesAttribute : Attribute
{
    /// <summary>Names the type that adds the test's services.</summary>
    /// <param name="configuratorType">A class implementing <see cref="INetServicesConfigurator"/> with a public parameterless constructor.</param>
    public NetServicesAttribute(Type configuratorType)
    {
        ConfiguratorType = configuratorType;
    }

    /// <summary>The type that adds the test's services.</summary>
    public Type ConfiguratorType { get; }
}
