using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Netns.Testing.DependencyInjection.Tests.Services;
using Netns.Testing.Xunit;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>[NetServices] on [NetFact] tests: the xunit adapter builds the provider and fills the body's parameters from it.</summary>
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public sealed class AdapterServicesTests(AdapterServicesTests.DisposalCheck disposals) : IClassFixture<AdapterServicesTests.DisposalCheck>
{
    [NetFact]
    [NetServices(typeof(EchoServices))]
    public async Task NetFact_EchoesThroughHostedServer(IServiceProvider services, [FromKeyedServices("server")] NetworkNamespace server)
    {
        foreach (IHostedService hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        // The body runs in "client", so this plain socket connects from there.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(EchoServer.EndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes("ping"));
        var buffer = new byte[16];
        int received = await socket.ReceiveAsync(buffer);

        Assert.Equal("ping", Encoding.ASCII.GetString(buffer, 0, received));
        Assert.Equal(server.Inode, services.GetRequiredService<EchoServer>().ListenerThreadInode);
        Assert.Equal(Topology.Current!["client"].Inode, NamespaceThreads.GetCurrentThreadInode());
    }

    [NetFact]
    [NetServices(typeof(EchoServices))]
    public void NetFact_ParametersComeFromProvider(
        IServiceProvider services,
        [FromKeyedServices("server")] NetworkNamespace server,
        [FromKeyedServices("client")] INamespaceSocketFactory clientSockets,
        EventLog events,
        NetworkNamespace client)
    {
        Assert.Same(Topology.Current!["server"], server);
        Assert.Same(Topology.Current["client"], client);
        Assert.Same(client, clientSockets.Namespace);
        Assert.Same(services.GetRequiredService<EventLog>(), events);
    }

    [NetFact]
    [NetServices(typeof(ProbeServices))]
    public void NetFact_ProviderDisposedBeforeTopology([FromKeyedServices("server")] NamespaceProbe probe)
    {
        // The probe fails its own disposal, and so this test, if its namespace is gone by then;
        // the class fixture fails the class if the probe was never disposed.
        disposals.Expect(probe.Id);
        Assert.False(NamespaceProbe.NamespaceDisposedAtDispose.ContainsKey(probe.Id));
    }

    [NetTheory]
    [InlineData("first")]
    [InlineData("second")]
    [NetServices(typeof(EchoServices))]
    public void NetTheory_DataThenServices(string entry, EventLog events = null!, [FromKeyedServices("server")] NetworkNamespace server = null!)
    {
        events.Add(entry);

        Assert.Equal([entry], events.Events);
        Assert.Same(Topology.Current!["server"], server);
    }

    [NetFact]
    public void NetFact_WithoutNetServices_StillRuns(NetworkNamespace server) =>
        Assert.False(server.IsDisposed);

    public sealed class EchoServices : INetServicesConfigurator
    {
        public void Configure(IServiceCollection services, Topology topology)
        {
            services.AddSingleton<EventLog>();
            services.AddHostedServiceInNamespace<EchoServer>("server");
        }
    }

    public sealed class ProbeServices : INetServicesConfigurator
    {
        public void Configure(IServiceCollection services, Topology topology) =>
            services.AddKeyedSingleton("server", (provider, key) => new NamespaceProbe(provider.GetRequiredKeyedService<NetworkNamespace>(key)));
    }

    /// <summary>Checks, after the class's tests, that every probe they used was disposed while its namespace existed.</summary>
    public sealed class DisposalCheck : IDisposable
    {
        private readonly List<Guid> _expected = [];

        public void Expect(Guid probe)
        {
            lock (_expected)
            {
                _expected.Add(probe);
            }
        }

        public void Dispose()
        {
            Assert.NotEmpty(_expected);
            foreach (Guid probe in _expected)
            {
                Assert.True(NamespaceProbe.NamespaceDisposedAtDispose.TryGetValue(probe, out bool namespaceDisposed), $"Probe {probe} was never disposed.");
                Assert.False(namespaceDisposed);
            }
        }
    }
}
