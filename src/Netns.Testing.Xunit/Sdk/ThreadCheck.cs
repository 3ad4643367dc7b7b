using System.Diagnostics;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// The check after a test that no thread it started is still in one of its network namespaces. A thread
/// copies the namespace of the thread that creates it, so a thread started by the body stays in the
/// body's namespace, and thread-pool threads born there do too until they are moved back.
/// </summary>
internal static class ThreadCheck
{
    // Threads that are about to end get this long to do so before they count as left behind.
    private static readonly TimeSpan s_grace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly Lock s_restoreGate = new();
    private static Task? s_restoring;

    /// <summary>
    /// Records the topology's namespaces before teardown for the scan after it, and keeps them in
    /// existence until the returned record is disposed (see <see cref="NamespaceThreads.KeepAlive"/>).
    /// </summary>
    public static RecordedNamespaces RecordNamespaces(Topology topology) => new(
        topology.Namespaces.Values.ToDictionary(n => n.Inode, n => n.Name),
        NamespaceThreads.KeepAlive(topology.Namespaces.Values));

    /// <summary>
    /// Returns a failure naming every thread still in one of the namespaces, or null. When it finds some,
    /// it first moves idle thread-pool threads back to the host and gives ending threads a moment. While
    /// <paramref name="liveTopology"/> lives, the library's own thread of each of its namespaces belongs
    /// there and is not reported; nor is <paramref name="abandonedThreadId"/>.
    /// </summary>
    public static async Task<Exception?> FindLeftThreadsAsync(
        RecordedNamespaces recorded,
        Topology? liveTopology = null,
        int? abandonedThreadId = null)
    {
        IReadOnlyDictionary<ulong, string> namespaces = recorded.Names;
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            List<ThreadNamespaceInfo> left = FindLeftThreads(namespaces, liveTopology, abandonedThreadId);
            if (left.Count == 0)
            {
                return null;
            }

            if (Stopwatch.GetElapsedTime(started) >= s_grace)
            {
                return new ThreadsLeftInNamespaceException(left);
            }

            await RestoreThreadPoolThreadsAsync();
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Moves idle thread-pool threads back to the host, sharing a run already in progress. Each run
    /// blocks one work item on every pool thread at once, so runs from parallel tests would starve the
    /// pool, and one run serves every test that waits for it.
    /// </summary>
    private static Task RestoreThreadPoolThreadsAsync()
    {
        lock (s_restoreGate)
        {
            if (s_restoring is null || s_restoring.IsCompleted)
            {
                // Runs on the pool so the caller's own thread, when it is a pool thread, can take an item too.
                s_restoring = Task.Run(() => NamespaceThreads.RestoreThreadPoolThreads(s_restoreTimeout));
            }

            return s_restoring;
        }
    }

    private static List<ThreadNamespaceInfo> FindLeftThreads(
        IReadOnlyDictionary<ulong, string> namespaces,
        Topology? liveTopology,
        int? abandonedThreadId)
    {
        List<ThreadNamespaceInfo> left = NamespaceThreads.FindThreadsOutsideHost()
            .Where(t => namespaces.ContainsKey(t.Inode) && t.ThreadId != abandonedThreadId)
            .Select(t => t with { NamespaceName = namespaces[t.Inode] })
            .ToList();
        if (left.Count > 0 && liveTopology is not null)
        {
            // FindThreadsIn leaves out each namespace's own thread.
            var foreign = NamespaceThreads.FindThreadsIn(liveTopology.Namespaces.Values).Select(t => t.ThreadId).ToHashSet();
            left.RemoveAll(t => !foreign.Contains(t.ThreadId));
        }

        return left;
    }
}
