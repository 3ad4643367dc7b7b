using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>
/// An echo client that connects from the "client" namespace and retries on socket errors with
/// exponential backoff, up to <see cref="RetryOptions.MaxAttempts"/> attempts.
/// </summary>
public sealed class RetryingEchoClient(
    [FromKeyedServices("client")] INamespaceSocketFactory sockets,
    RetryOptions options,
    EventLog events)
{
    public async Task<string> EchoAsync(IPEndPoint server, string message, CancellationToken cancellationToken)
    {
        TimeSpan delay = options.InitialDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await EchoOnceAsync(server, message, cancellationToken);
            }
            catch (SocketException e) when (attempt < options.MaxAttempts)
            {
                events.Add($"attempt {attempt} failed: {e.SocketErrorCode}");
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
            catch (SocketException e)
            {
                events.Add($"attempt {attempt} failed: {e.SocketErrorCode}");
                throw new EchoFailedException(
                    $"Echo to {server} from namespace '{sockets.Namespace.Name}' failed after {attempt} attempts: {e.SocketErrorCode}.",
                    attempt,
                    e);
            }
        }
    }

    private async Task<string> EchoOnceAsync(IPEndPoint server, string message, CancellationToken cancellationToken)
    {
        using Socket socket = await sockets.ConnectAsync(server, cancellationToken);
        byte[] request = Encoding.UTF8.GetBytes(message);
        await socket.SendAsync(request, cancellationToken);
        var response = new byte[request.Length];
        int received = 0;
        while (received < response.Length)
        {
            int count = await socket.ReceiveAsync(response.AsMemory(received), cancellationToken);
            if (count == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            received += count;
        }

        return Encoding.UTF8.GetString(response);
    }
}
