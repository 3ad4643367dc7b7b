using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// Starts and stops a hosted service on the thread of its namespace, so the sockets it opens in
/// StartAsync, and the loops it starts there, live in that namespace. The lifecycle callbacks of
/// an <see cref="IHostedLifecycleService"/> run there too.
/// </summary>
/// <remarks>
/// The provider creates this wrapper after the service and the namespace, so it disposes the
/// wrapper first: a service still running at that point is stopped while its namespace exists.
/// </remarks>
internal sealed class NamespaceHostedService<TService> : IHostedLifecycleService, IAsyncDisposable, IDisposable
    where TService : class, IHostedService
{
    // How long disposal waits for a service that was never stopped to stop.
    private static readonly TimeSpan s_stopOnDisposeTimeout = TimeSpan.FromSeconds(5);

    private readonly NetworkNamespace _namespace;
    private readonly TService _service;
    private readonly ILogger _logger;
    private int _running;

    public NamespaceHostedService(NetworkNamespace ns, TService service, ILoggerFactory? loggerFactory)
    {
        _namespace = ns;
        _service = service;
        _logger = loggerFactory?.CreateLogger("Netns.Testing.DependencyInjection") ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _namespace.RunAsync(() => _service.StartAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _running, 1);
        HostingLog.ServiceStarted(_logger, typeof(TService).Name, _namespace.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 0) == 0)
        {
            return;
        }

        if (_namespace.IsDisposed)
        {
            throw new InvalidOperationException(
                $"Hosted service {typeof(TService).Name} could not be stopped: namespace '{_namespace.Name}' was disposed " +
                "while it ran. Stop the host, or dispose the service provider, before disposing the topology.");
        }

        await _namespace.RunAsync(() => _service.StopAsync(cancellationToken), CancellationToken.None).ConfigureAwait(false);
        HostingLog.ServiceStopped(_logger, typeof(TService).Name, _namespace.Name);
    }

    public Task StartingAsync(CancellationToken cancellationToken) =>
        RunLifecycleAsync(static (service, token) => service.StartingAsync(token), cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) =>
        RunLifecycleAsync(static (service, token) => service.StartedAsync(token), cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) =>
        RunLifecycleAsync(static (service, token) => service.StoppingAsync(token), cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        RunLifecycleAsync(static (service, token) => service.StoppedAsync(token), cancellationToken);

    // NOTE: a synchronous Dispose on the service's own namespace thread, of a service still
    // running, blocks that thread while StopAsync's continuations wait for it. Stop the host
    // first or use DisposeAsync there.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _running) == 0)
        {
            return;
        }

        // A host disposed without StopAsync, or a provider used without a host, leaves the
        // service running. Stopping it here keeps its sockets from outliving the namespace.
        HostingLog.StoppingOnDispose(_logger, typeof(TService).Name, _namespace.Name);
        using var timeout = new CancellationTokenSource(s_stopOnDisposeTimeout);
        await StopAsync(timeout.Token).ConfigureAwait(false);
    }

    private Task RunLifecycleAsync(Func<IHostedLifecycleService, CancellationToken, Task> callback, CancellationToken cancellationToken) =>
        _service is IHostedLifecycleService lifecycle && !_namespace.IsDisposed
            ? _namespace.RunAsync(() => callback(lifecycle, cancellationToken), CancellationToken.None)
            : Task.CompletedTask;
}
