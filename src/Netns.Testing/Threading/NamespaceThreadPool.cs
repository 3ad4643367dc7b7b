using System.Collections.Concurrent;

namespace Netns.Testing.Threading;

/// <summary>
/// Idle namespace threads, all verified to be in the host's network and mount namespaces. A new
/// thread copies the namespaces of the thread that creates it, so new threads are created only on
/// the host thread of <see cref="HostNamespace"/>.
/// </summary>
internal static class NamespaceThreadPool
{
    // Enough idle threads for a few parallel topologies; more are created on demand.
    private const int MaxIdleThreads = 64;

    private static readonly ConcurrentBag<NamespaceThread> s_idle = [];

    public static NamespaceThread Rent()
    {
        if (s_idle.TryTake(out NamespaceThread? thread))
        {
            return thread;
        }

        return HostNamespace.CreateThread();
    }

    /// <summary>
    /// Moves the thread back to the host namespace and keeps it for reuse when verified there;
    /// otherwise ends it. Runs on the thread itself.
    /// </summary>
    public static void ReturnFromCurrentThread(NamespaceThread thread)
    {
        // A thread whose unshare failed never left the host, and setns would fail without privileges.
        int errno = NamespaceThreads.GetCurrentThreadInode() == HostNamespace.Inode ? 0 : HostNamespace.Handle.TryEnter();
        thread.Assign(null);
        if (errno != 0 || thread.Verify(null) is not null || s_idle.Count >= MaxIdleThreads)
        {
            thread.Stop();
            return;
        }

        s_idle.Add(thread);
    }
}
