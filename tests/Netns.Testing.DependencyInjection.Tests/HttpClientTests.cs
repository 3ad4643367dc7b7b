using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Netns.Testing.DependencyInjection.Tests.Services;
using Xunit;

namespace Netns.Testing.DependencyInjection.Tests;

/// <summary>IHttpClientFactory clients whose connections originate in a namespace.</summary>
public sealed class HttpClientTests
{
    [Fact]
    public async Task NamedClient_ConnectsFromItsNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddNamespaceHttpClient("api", "client");
        await using ServiceProvider provider = services.BuildServiceProvider();
        INamespaceSocketFactory serverSockets = provider.GetRequiredKeyedService<INamespaceSocketFactory>("server");
        using Socket listener = serverSockets.Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080));
        Task<EndPoint> serving = ServeOnceAsync(listener, "ok");

        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        string body = await http.GetStringAsync("http://198.18.0.2:8080/");

        Assert.Equal("ok", body);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)await serving).Address);
    }

    [Fact]
    public async Task TypedClient_ConnectsFromItsNamespace()
    {
        var services = new ServiceCollection().AddNetworkTopology(TestTopology.Spec);
        services.AddNamespaceHttpClient<StatusClient>("client");
        await using ServiceProvider provider = services.BuildServiceProvider();
        using Socket listener = provider.GetRequiredKeyedService<INamespaceSocketFactory>("server")
            .Listen(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 8080));
        Task<EndPoint> serving = ServeOnceAsync(listener, "up");

        string status = await provider.GetRequiredService<StatusClient>().GetStatusAsync();

        Assert.Equal("up", status);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), ((IPEndPoint)await serving).Address);
    }

    /// <summary>Answers one HTTP/1.1 request with <paramref name="body"/> and returns the client's end point.</summary>
    private static async Task<EndPoint> ServeOnceAsync(Socket listener, string body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using Socket connection = await listener.AcceptAsync(timeout.Token);
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int received = await connection.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(0, received);
            request.Append(Encoding.ASCII.GetString(buffer, 0, received));
        }

        string response = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await connection.SendAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
        connection.Shutdown(SocketShutdown.Send);
        return connection.RemoteEndPoint!;
    }

    public sealed class StatusClient(HttpClient http)
    {
        public Task<string> GetStatusAsync() => http.GetStringAsync("http://198.18.0.2:8080/status");
    }
}
