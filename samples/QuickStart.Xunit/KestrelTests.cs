using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Netns.Testing;
using Netns.Testing.Xunit;
using Xunit;

namespace QuickStart.Xunit;

public class KestrelTests
{
    [NetFact]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    public async Task Kestrel_AnswersClientInOtherNamespace(NetworkNamespace client, NetworkNamespace server)
    {
        // Started on the server namespace's thread, so Kestrel's listening socket is created there.
        WebApplication app = await server.RunAsync(async () =>
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://198.18.0.2:8080");
            builder.Logging.ClearProviders();
            WebApplication web = builder.Build();
            web.MapGet("/", () => "hello from the server namespace");
            await web.StartAsync();
            return web;
        });

        try
        {
            using HttpClient http = client.CreateHttpClient();

            string answer = await http.GetStringAsync("http://198.18.0.2:8080/");

            Assert.Equal("hello from the server namespace", answer);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
