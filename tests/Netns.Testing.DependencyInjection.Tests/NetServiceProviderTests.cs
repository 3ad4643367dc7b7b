using Microsoft.Extensions.DependencyInjection;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>The hook test adapters use: [NetServices] and NetServiceProvider.</summary>
[NetServices(typeof(ClassServices))]
public sealed class NetServiceProviderTests
{
    [Fact]
    public async Task Build_AddsConfiguratorServices()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);

        await using ServiceProvider provider = NetServiceProvider.Build(topology, typeof(EchoServices));

        Assert.Same(topology, provider.GetRequiredService<Topology>());
        Assert.Same(topology["server"], provider.GetRequiredKeyedService<NetworkNamespace>("server"));
        Assert.NotNull(provider.GetRequiredService<RetryingEchoClient>());
    }

    [Fact]
    public async Task Build_ConfiguratorSeesTopology()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);

        await using ServiceProvider provider = NetServiceProvider.Build(topology, typeof(EchoServices));

        Assert.Equal("client, server", provider.GetRequiredService<string>());
    }

    [Fact]
    public async Task Build_NotConfigurator_Throws()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);

        var error = Assert.Throws<ArgumentException>(() => NetServiceProvider.Build(topology, typeof(string)));

        Assert.StartsWith(
            "[NetServices(typeof(String))] names a type that is not a class implementing INetServicesConfigurator; " +
            "implement INetServicesConfigurator.Configure in it.",
            error.Message);
    }

    [Fact]
    public async Task Build_NoParameterlessConstructor_Throws()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);

        var error = Assert.Throws<ArgumentException>(() => NetServiceProvider.Build(topology, typeof(NeedsArgument)));

        Assert.StartsWith(
            "[NetServices(typeof(NeedsArgument))] names a type without a public parameterless constructor; add one.",
            error.Message);
    }

    [Fact]
    [NetServices(typeof(EchoServices))]
    public void FindConfiguratorType_MethodBeforeClass()
    {
        Type? type = NetServiceProvider.FindConfiguratorType(typeof(NetServiceProviderTests).GetMethod(nameof(FindConfiguratorType_MethodBeforeClass))!);

        Assert.Equal(typeof(EchoServices), type);
    }

    [Fact]
    public void FindConfiguratorType_FromClass()
    {
        Type? type = NetServiceProvider.FindConfiguratorType(typeof(NetServiceProviderTests).GetMethod(nameof(FindConfiguratorType_FromClass))!);

        Assert.Equal(typeof(ClassServices), type);
    }

    [Fact]
    public async Task BuildFor_NoAttribute_ReturnsNull()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);

        ServiceProvider? provider = NetServiceProvider.BuildFor(topology, typeof(KeyedNamespaceTests).GetMethod(nameof(KeyedNamespaceTests.KeyedNamespace_IsTopologyNamespace))!);

        Assert.Null(provider);
    }

    [Fact]
    public async Task ResolveArguments_KeyedAndPlainParameters()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);
        await using ServiceProvider provider = NetServiceProvider.Build(topology, typeof(EchoServices));

        object?[] arguments = NetServiceProvider.ResolveArguments(provider, typeof(NetServiceProviderTests).GetMethod(nameof(TestWithParameters), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!);

        Assert.Same(topology["server"], arguments[0]);
        Assert.IsType<RetryingEchoClient>(arguments[1]);
    }

    [Fact]
    public async Task ResolveArguments_Unregistered_Throws()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);
        await using ServiceProvider provider = NetServiceProvider.Build(topology, typeof(ClassServices));

        var error = Assert.Throws<InvalidOperationException>(() => NetServiceProvider.ResolveArguments(
            provider,
            typeof(NetServiceProviderTests).GetMethod(nameof(TestWithParameters), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!));

        Assert.Equal(
            "Parameter 'client' of NetServiceProviderTests.TestWithParameters needs a RetryingEchoClient, and none is registered. " +
            "Register it in the configurator of [NetServices].",
            error.Message);
    }

    private static void TestWithParameters([FromKeyedServices("server")] NetworkNamespace server, RetryingEchoClient client)
    {
    }

    public sealed class EchoServices : INetServicesConfigurator
    {
        public void Configure(IServiceCollection services, Topology topology)
        {
            services.AddSingleton<EventLog>();
            services.AddSingleton(new RetryOptions(3, TimeSpan.FromMilliseconds(10)));
            services.AddSingleton<RetryingEchoClient>();
            services.AddSingleton(string.Join(", ", topology.Namespaces.Keys.Order()));
        }
    }

    public sealed class ClassServices : INetServicesConfigurator
    {
        public void Configure(IServiceCollection services, Topology topology)
        {
        }
    }

    public sealed class NeedsArgument(int value) : INetServicesConfigurator
    {
        public int Value { get; } = value;

        public void Configure(IServiceCollection services, Topology topology)
        {
        }
    }
}
