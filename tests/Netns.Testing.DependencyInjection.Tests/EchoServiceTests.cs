using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>An echo server hosted in "server" and a retrying client in "client", composed with DI.</summary>
public sealed class EchoServiceTests
{
    private static IHost BuildHost(bool withServer, int maxAttempts = 5)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddNetworkTopology(TestTopology.Spec);
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton(new RetryOptions(maxAttempts, TimeSpan.FromMilliseconds(20)));
        builder.Services.AddSingleton<RetryingEchoClient>();
        if (withServer)
        {
            builder.Services.AddHostedServiceInNamespace<EchoServer>("server");
        }

        return builder.Build();
    }

    [Fact]
    public async Task Echo_ServerAndClientInOwnNamespaces()
    {
        using IHost host = BuildHost(withServer: true);
        Topology topology = await host.Services.GetNetworkTopologyAsync();
        await host.StartAsync();

        string response = await host.Services.GetRequiredService<RetryingEchoClient>()
            .EchoAsync(EchoServer.EndPoint, "ping", CancellationToken.None);

        EchoServer server = host.Services.GetRequiredService<EchoServer>();
        Assert.Equal("ping", response);
        Assert.Equal(topology["server"].Inode, server.ListenerThreadInode);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)Assert.Single(server.Clients)).Address);
        await host.StopAsync();
    }

    [Fact]
    public async Task Echo_ListenerShownOnlyInServerNamespace()
    {
        using IHost host = BuildHost(withServer: true);
        Topology topology = await host.Services.GetNetworkTopologyAsync();
        await host.StartAsync();

        // 198.18.0.2:7007 in /proc/net/tcp: address bytes in host order, then the port in hex.
        const string Listening = "020012C6:1B5F 00000000:0000 0A";
        Assert.Contains(Listening, topology["server"].ReadProcNetFile("tcp"));
        Assert.DoesNotContain(Listening, topology["client"].ReadProcNetFile("tcp"));
        Assert.DoesNotContain(Listening, HostNamespace.Run(() => File.ReadAllText("/proc/thread-self/net/tcp")));
        await host.StopAsync();
    }

    [Fact]
    public async Task Stop_LeavesNoThreadInNamespaces()
    {
        using IHost host = BuildHost(withServer: true);
        Topology topology = await host.Services.GetNetworkTopologyAsync();
        await host.StartAsync();
        await host.Services.GetRequiredService<RetryingEchoClient>().EchoAsync(EchoServer.EndPoint, "ping", CancellationToken.None);

        await host.StopAsync();
        NamespaceThreads.RestoreThreadPoolThreads(TimeSpan.FromSeconds(2));

        Assert.Empty(NamespaceThreads.FindThreadsIn(topology.Namespaces.Values));
    }

    [Fact]
    public async Task Echo_NoListener_FailsAfterRetries()
    {
        using IHost host = BuildHost(withServer: false, maxAttempts: 3);
        await host.StartAsync();
        RetryingEchoClient client = host.Services.GetRequiredService<RetryingEchoClient>();

        EchoFailedException error = await Assert.ThrowsAsync<EchoFailedException>(
            () => client.EchoAsync(EchoServer.EndPoint, "ping", CancellationToken.None));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(SocketError.ConnectionRefused, error.SocketError);
        Assert.Equal("Echo to 198.18.0.2:7007 from namespace 'client' failed after 3 attempts: ConnectionRefused.", error.Message);
        Assert.Equal(
            ["attempt 1 failed: ConnectionRefused", "attempt 2 failed: ConnectionRefused", "attempt 3 failed: ConnectionRefused"],
            host.Services.GetRequiredService<EventLog>().Events);
        await host.StopAsync();
    }

    [Fact]
    public async Task Dispose_WithoutStop_StopsServerBeforeNamespaces()
    {
        IHost host = BuildHost(withServer: true);
        Topology topology = await host.Services.GetNetworkTopologyAsync();
        EventLog events = host.Services.GetRequiredService<EventLog>();
        events.Topology = topology;
        await host.StartAsync();
        EchoServer server = host.Services.GetRequiredService<EchoServer>();

        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.Equal(
            [
                "server started (namespaces disposed: client=False, server=False)",
                "server stopping (namespaces disposed: client=False, server=False)",
                "server stopped (namespaces disposed: client=False, server=False)",
                "server disposed (namespaces disposed: client=False, server=False)",
            ],
            events.Events);
        Assert.True(topology["client"].IsDisposed);
        Assert.True(topology["server"].IsDisposed);
        Assert.True(server.Listener!.SafeHandle.IsClosed);
    }

    [Fact]
    public async Task Dispose_AfterStop_DisposesNamespaces()
    {
        IHost host = BuildHost(withServer: true);
        Topology topology = await host.Services.GetNetworkTopologyAsync();
        EventLog events = host.Services.GetRequiredService<EventLog>();
        events.Topology = topology;
        await host.StartAsync();
        EchoServer server = host.Services.GetRequiredService<EchoServer>();

        await host.StopAsync();
        host.Dispose();

        Assert.Equal(
            [
                "server started (namespaces disposed: client=False, server=False)",
                "server stopping (namespaces disposed: client=False, server=False)",
                "server stopped (namespaces disposed: client=False, server=False)",
                "server disposed (namespaces disposed: client=False, server=False)",
            ],
            events.Events);
        Assert.True(topology["server"].IsDisposed);
        Assert.True(server.Listener!.SafeHandle.IsClosed);
    }
}
