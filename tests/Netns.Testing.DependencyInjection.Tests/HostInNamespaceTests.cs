using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>A whole host started inside a namespace, with its hosted services registered the usual way.</summary>
public sealed class HostInNamespaceTests
{
    [Fact]
    public async Task StartInNamespace_ListensInNamespace()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<EchoServer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EchoServer>());
        using IHost host = builder.Build();

        await host.StartInNamespaceAsync(topology["server"]);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await topology["client"].RunAsync(() => client.ConnectAsync(EchoServer.EndPoint));
        await host.StopInNamespaceAsync(topology["server"]);

        EchoServer server = host.Services.GetRequiredService<EchoServer>();
        Assert.Equal(topology["server"].Inode, server.ListenerThreadInode);
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task StartInNamespace_AcceptLoopRunsInNamespace()
    {
        await using Topology topology = await Topology.BuildAsync(TestTopology.Spec);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHostedService<InodeRecorder>();
        using IHost host = builder.Build();

        await host.StartInNamespaceAsync(topology["server"]);
        InodeRecorder recorder = host.Services.GetServices<IHostedService>().OfType<InodeRecorder>().Single();
        ulong loopInode = await recorder.LoopInode.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await host.StopInNamespaceAsync(topology["server"]);

        Assert.Equal(topology["server"].Inode, recorder.ConstructorInode);
        Assert.Equal(topology["server"].Inode, loopInode);
    }

    [Fact]
    public async Task Lifecycle_CallbacksRunInNamespace()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddNetworkTopology(TestTopology.Spec);
        builder.Services.AddHostedServiceInNamespace<LifecycleRecorder>("server");
        using IHost host = builder.Build();
        ulong server = (await host.Services.GetNetworkTopologyAsync())["server"].Inode;

        await host.StartAsync();
        await host.StopAsync();

        LifecycleRecorder recorder = host.Services.GetRequiredService<LifecycleRecorder>();
        Assert.Equal(
            [
                $"StartingAsync {server}", $"StartAsync {server}", $"StartedAsync {server}",
                $"StoppingAsync {server}", $"StopAsync {server}", $"StoppedAsync {server}",
            ],
            recorder.Calls);
    }

    /// <summary>Records each lifecycle call with the namespace inode of its thread.</summary>
    private sealed class LifecycleRecorder : IHostedLifecycleService
    {
        public List<string> Calls { get; } = [];

        public Task StartingAsync(CancellationToken cancellationToken) => Record(nameof(StartingAsync));

        public Task StartAsync(CancellationToken cancellationToken) => Record(nameof(StartAsync));

        public Task StartedAsync(CancellationToken cancellationToken) => Record(nameof(StartedAsync));

        public Task StoppingAsync(CancellationToken cancellationToken) => Record(nameof(StoppingAsync));

        public Task StopAsync(CancellationToken cancellationToken) => Record(nameof(StopAsync));

        public Task StoppedAsync(CancellationToken cancellationToken) => Record(nameof(StoppedAsync));

        private Task Record(string call)
        {
            Calls.Add($"{call} {NamespaceThreads.GetCurrentThreadInode()}");
            return Task.CompletedTask;
        }
    }

    /// <summary>Records the namespace of its constructor and of its background loop after an await.</summary>
    private sealed class InodeRecorder : BackgroundService
    {
        public ulong ConstructorInode { get; } = NamespaceThreads.GetCurrentThreadInode();

        public TaskCompletionSource<ulong> LoopInode { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(10, stoppingToken).ConfigureAwait(false);
            LoopInode.SetResult(NamespaceThreads.GetCurrentThreadInode());
        }
    }
}
