using Microsoft.Extensions.Logging;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// The topology shared by the tests of a class with <see cref="TopologyScope.Class"/>: built when the
/// first test needs it and removed when the class finishes. xunit runs the tests of a class one at a
/// time, so one test at a time uses it.
/// </summary>
internal sealed class ClassTopology
{
    private readonly TopologySpec _spec;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<Topology>? _building;
    private string? _abandonedBy;

    public ClassTopology(TopologySpec spec, ILogger logger)
    {
        _spec = spec;
        _logger = logger;
    }

    /// <summary>Returns the topology, building it on first use; a failed build fails every later test too.</summary>
    /// <exception cref="InvalidOperationException">
    /// An earlier test's body was abandoned on the body namespace's thread.
    /// </exception>
    public Task<Topology> GetAsync()
    {
        lock (_gate)
        {
            if (_abandonedBy is not null)
            {
                throw new InvalidOperationException(
                    $"The class topology cannot run this test: the body of {_abandonedBy} timed out and still runs on " +
                    "the thread of its body namespace.");
            }

            // Not tied to one test's cancellation: the build serves every test of the class.
            return _building ??= Topology.BuildAsync(_spec, _logger, CancellationToken.None);
        }
    }

    /// <summary>
    /// Records that a test's body was abandoned at its timeout. It still occupies the body namespace's
    /// thread, so the later tests of the class fail at once instead of waiting behind it.
    /// </summary>
    public void MarkAbandoned(string testName)
    {
        lock (_gate)
        {
            _abandonedBy ??= testName;
        }
    }

    /// <summary>Removes the topology if it was built, then returns a failure for threads left in it, or null.</summary>
    public async Task<Exception?> DisposeAsync()
    {
        Task<Topology>? building;
        lock (_gate)
        {
            building = _building;
        }

        if (building is null)
        {
            return null;
        }

        try
        {
            await building;
        }
        catch (Exception)
        {
            // A failed build removed what it created and failed the tests that asked for it.
            return null;
        }

        Topology topology = building.Result;
        if (_abandonedBy is not null)
        {
            // The abandoned body still occupies the body namespace's thread, which recording the
            // namespaces would wait for, and its test already failed with the timeout.
            await topology.DisposeAsync();
            return null;
        }

        using RecordedNamespaces namespaces = ThreadCheck.RecordNamespaces(topology);
        await topology.DisposeAsync();
        return await ThreadCheck.FindLeftThreadsAsync(namespaces);
    }
}
