using Microsoft.Extensions.DependencyInjection;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>Where constructors run: in the namespace with the InNamespace helpers, on the resolving thread otherwise.</summary>
public sealed class InNamespaceResolutionTests
{
    [Fact]
    public async Task SingletonInNamespace_ConstructedInNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingletonInNamespace<InodeRecorder>("server");
        await using ServiceProvider provider = services.BuildServiceProvider();

        InodeRecorder recorder = provider.GetRequiredService<InodeRecorder>();

        Assert.Equal(provider.GetRequiredKeyedService<NetworkNamespace>("server").Inode, recorder.ConstructorInode);
    }

    [Fact]
    public async Task KeyedSingletonInNamespace_OnePerNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddKeyedSingletonInNamespace<InodeRecorder, InodeRecorder>("client");
        services.AddKeyedSingletonInNamespace<InodeRecorder, InodeRecorder>("server");
        await using ServiceProvider provider = services.BuildServiceProvider();
        Topology topology = provider.GetRequiredService<Topology>();

        InodeRecorder client = provider.GetRequiredKeyedService<InodeRecorder>("client");
        InodeRecorder server = provider.GetRequiredKeyedService<InodeRecorder>("server");

        Assert.Equal(topology["client"].Inode, client.ConstructorInode);
        Assert.Equal(topology["server"].Inode, server.ConstructorInode);
    }

    [Fact]
    public async Task TransientInNamespace_EachConstructedInNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddTransientInNamespace<InodeRecorder, InodeRecorder>("client");
        await using ServiceProvider provider = services.BuildServiceProvider();

        InodeRecorder first = provider.GetRequiredService<InodeRecorder>();
        InodeRecorder second = provider.GetRequiredService<InodeRecorder>();

        Assert.NotSame(first, second);
        Assert.Equal(provider.GetRequiredService<Topology>()["client"].Inode, second.ConstructorInode);
    }

    [Fact]
    public async Task PlainSingleton_ResolvedFromHost_ConstructedInHost()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingleton<InodeRecorder>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        InodeRecorder recorder = provider.GetRequiredService<InodeRecorder>();

        Assert.Equal(HostNamespace.Inode, recorder.ConstructorInode);
    }

    [Fact]
    public async Task GetRequiredServiceInNamespace_ConstructsInNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingleton<InodeRecorder>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        InodeRecorder recorder = provider.GetRequiredServiceInNamespace<InodeRecorder>("server");

        Assert.Equal(provider.GetRequiredService<Topology>()["server"].Inode, recorder.ConstructorInode);
    }

    [Fact]
    public async Task ResolveInNamespaceAsync_ConstructsThere()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingleton<InodeRecorder>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        Topology topology = await provider.GetNetworkTopologyAsync();

        InodeRecorder recorder = await provider.GetRequiredServiceInNamespaceAsync<InodeRecorder>(topology["client"]);

        Assert.Equal(topology["client"].Inode, recorder.ConstructorInode);
    }

    [Fact]
    public async Task CreateInstanceInNamespace_ConstructsInNamespace()
    {
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();

        InodeRecorder recorder = provider.CreateInstanceInNamespace<InodeRecorder>("client");

        Assert.Equal(provider.GetRequiredService<Topology>()["client"].Inode, recorder.ConstructorInode);
    }

    [Fact]
    public async Task SingletonInNamespace_UnknownNamespace_Throws()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddSingletonInNamespace<InodeRecorder>("sever");
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<InodeRecorder>());

        Assert.Equal(
            "No namespace named 'sever' is registered. Register the topology that declares it with AddNetworkTopology, " +
            "and check the spelling of the name.",
            error.Message);
    }

    [Fact]
    public async Task Resolve_FromNamespaceThread_BuildsTopology()
    {
        // The first resolve blocks a namespace thread while the topology is built.
        await using NetworkNamespace other = NetworkNamespace.Create("other");
        await using ServiceProvider provider = new ServiceCollection().AddNetworkTopology(TestTopology.Spec).BuildServiceProvider();

        NetworkNamespace server = other.Run(() => provider.GetRequiredKeyedService<NetworkNamespace>("server"));

        Assert.Equal("server", server.Name);
    }

    public sealed class InodeRecorder
    {
        public ulong ConstructorInode { get; } = NamespaceThreads.GetCurrentThreadInode();
    }
}
