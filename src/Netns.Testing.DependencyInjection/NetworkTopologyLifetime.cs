using Microsoft.Extensions.Logging;

namespace Netns.Testing.DependencyInjection;

/// <summary>
/// The topology a service provider hands out: either one built by the caller, which the caller
/// disposes, or one built from a declaration on first use, which the provider disposes.
/// </summary>
internal sealed class NetworkTopologyLifetime : IDisposable, IAsyncDisposable
{
    private readonly Lazy<Task<Topology>> _topology;
    private readonly bool _owned;

    /// <summary>Wraps a topology the caller built and keeps ownership of.</summary>
    public NetworkTopologyLifetime(Topology topology)
    {
        Spec = topology.Spec;
        _topology = new Lazy<Task<Topology>>(Task.FromResult(topology));
        _owned = false;
    }

    /// <summary>Builds <paramref name="spec"/> once, when the topology is first requested.</summary>
    public NetworkTopologyLifetime(TopologySpec spec, ILogger? logger)
    {
        Spec = spec;
        _topology = new Lazy<Task<Topology>>(() => StartBuild(spec, logger), LazyThreadSafetyMode.ExecutionAndPublication);
        _owned = true;
    }

    public TopologySpec Spec { get; }

    /// <summary>Returns the topology, building it on the first call; a failed build fails every call.</summary>
    public Task<Topology> GetAsync(CancellationToken cancellationToken) =>
        _topology.Value.WaitAsync(cancellationToken);

    /// <summary>Returns the topology, blocking while it is built.</summary>
    public Topology Get() => _topology.Value.GetAwaiter().GetResult();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (!_owned || !_topology.IsValueCreated)
        {
            return;
        }

        Topology topology;
        try
        {
            topology = await _topology.Value.ConfigureAwait(false);
        }
        catch
        {
            // The build failed and already removed whatever it had created.
            return;
        }

        await topology.DisposeAsync().ConfigureAwait(false);
    }

    private static Task<Topology> StartBuild(TopologySpec spec, ILogger? logger)
    {
        // The first resolve may happen on a namespace thread, which blocks in Get(). The build
        // runs on the thread pool in the host namespace, without the caller's synchronization
        // context or namespace flow, so its continuations never queue behind the blocked thread.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Factory.StartNew(
                () => Topology.BuildAsync(spec, logger, CancellationToken.None),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).Unwrap();
        }
    }
}
