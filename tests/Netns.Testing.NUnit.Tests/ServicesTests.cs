using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Netns.Testing.DependencyInjection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class ServicesTests
{
    [Test]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    [NetServices(typeof(SocketServices))]
    public async Task Services_ConnectFromBodyToServerSocket()
    {
        IServiceProvider services = NetnsContext.Services;
        INamespaceSocketFactory serverSockets = services.GetRequiredKeyedService<INamespaceSocketFactory>("server");
        using Socket listener = serverSockets.Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 0));

        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using Socket accepted = await listener.AcceptAsync();
        await client.SendAsync(Encoding.ASCII.GetBytes("ping"));
        var buffer = new byte[16];
        int received = await accepted.ReceiveAsync(buffer);

        Assert.That(Encoding.ASCII.GetString(buffer, 0, received), Is.EqualTo("ping"));
        Assert.That(((IPEndPoint)accepted.RemoteEndPoint!).Address, Is.EqualTo(IPAddress.Parse("198.18.0.1")));
        Assert.That(services.GetRequiredService<Topology>(), Is.SameAs(NetnsContext.Topology));
    }

    [Test]
    public void Services_ProviderDisposedAfterTearDownBeforeTopology()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(WithProbe), nameof(WithProbe.UsesProbe));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
        Assert.That(WithProbe.Events, Is.EqualTo(new[] { "body", "teardown", "probe disposed, namespace alive" }));
        Assert.That(WithProbe.Server!.IsDisposed, Is.True);
    }

    [Test]
    public void Services_WithoutNetServices_ThrowsNamingTheAttribute()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(WithoutServices), nameof(WithoutServices.AsksForServices));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Error));
        Assert.That(result.Message, Does.Contain(
            "has no service provider: NetnsContext.Services needs [NetServices(typeof(YourServices))] from " +
            "Netns.Testing.DependencyInjection on the test method or its fixture"));
    }

    public sealed class SocketServices : INetServicesConfigurator
    {
        public void Configure(IServiceCollection services, Topology topology)
        {
        }
    }

    [Explicit("Runs in-process from ServicesTests")]
    [NetServices(typeof(ProbeServices))]
    public class WithProbe
    {
        public static List<string> Events { get; } = [];

        public static NetworkNamespace? Server { get; private set; }

        [TearDown]
        public void TearDown() => Events.Add("teardown");

        [Test]
        [NetNamespace("server", Body = true)]
        public void UsesProbe()
        {
            Server = NetnsContext.Namespace("server");
            _ = NetnsContext.Services.GetRequiredService<Probe>();
            Events.Add("body");
        }

        public sealed class Probe(NetworkNamespace ns) : IDisposable
        {
            public void Dispose() => Events.Add(ns.IsDisposed ? "probe disposed, namespace gone" : "probe disposed, namespace alive");
        }

        public sealed class ProbeServices : INetServicesConfigurator
        {
            public void Configure(IServiceCollection services, Topology topology) =>
                services.AddSingleton(provider => new Probe(provider.GetRequiredKeyedService<NetworkNamespace>("server")));
        }
    }

    [Explicit("Runs in-process from ServicesTests")]
    public class WithoutServices
    {
        [Test]
        [NetNamespace("solo")]
        public void AsksForServices() => _ = NetnsContext.Services;
    }
}
