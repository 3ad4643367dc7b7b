using Netns.Testing.Interop;

namespace Netns.Testing;

/// <summary>
/// Finds the threads of this process by network namespace, from /proc/self/task/*/ns/net, for
/// the check after a test that no thread was left in one of its namespaces.
/// </summary>
public static class NamespaceThreads
{
    // The runtime starts this worker on whichever thread first needs a method recompiled, and it
    // ends on its own after a few idle seconds. It runs only the JIT, never user code or sockets.
    private const string TieredCompilationWorkerName = ".NET Tiered Com";

    // The runtime starts the background GC thread on whichever thread triggers a background
    // collection while that thread does not exist, and ends it after it has been idle for a while.
    // So it can be born inside a namespace and stay there until it ends. It runs only the collector.
    private const string BackgroundGcName = ".NET BGC";

    // The name the runtime gives thread-pool worker threads (15 bytes at most in /proc).
    private const string ThreadPoolWorkerName = ".NET TP Worker";

    /// <summary>Returns the network namespace inode of the calling thread, from /proc/thread-self.</summary>
    public static ulong GetCurrentThreadInode() => Sys.ReadNamespaceInode("/proc/thread-self/ns/net");

    /// <summary>Returns every thread of the process that is outside the host network namespace.</summary>
    public static IReadOnlyList<ThreadNamespaceInfo> FindThreadsOutsideHost()
    {
        ulong host = HostNamespace.Inode;
        var threads = new List<ThreadNamespaceInfo>();
        foreach (string taskDirectory in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(taskDirectory), out int threadId))
            {
                continue;
            }

            ulong inode = Sys.ReadNamespaceInode($"{taskDirectory}/ns/net");
            if (inode == 0 || inode == host)
            {
                continue;
            }

            string name = ReadThreadName(taskDirectory);
            if (name.StartsWith(TieredCompilationWorkerName, StringComparison.Ordinal)
                || name.StartsWith(BackgroundGcName, StringComparison.Ordinal))
            {
                continue;
            }

            threads.Add(new ThreadNamespaceInfo(threadId, name, inode));
        }

        return threads;
    }

    /// <summary>
    /// Returns the threads left in any of the given namespaces, excluding the library's own
    /// namespace threads, which belong there.
    /// </summary>
    public static IReadOnlyList<ThreadNamespaceInfo> FindThreadsIn(IEnumerable<NetworkNamespace> namespaces)
    {
        var byInode = namespaces.ToDictionary(n => n.Inode);
        var found = new List<ThreadNamespaceInfo>();
        foreach (ThreadNamespaceInfo thread in FindThreadsOutsideHost())
        {
            if (byInode.TryGetValue(thread.Inode, out NetworkNamespace? ns) && !ns.IsOwnThread(thread.ThreadId))
            {
                found.Add(thread with { NamespaceName = ns.Name });
            }
        }

        return found;
    }

    /// <summary>
    /// Keeps <paramref name="namespaces"/> in existence until the result is disposed, by opening
    /// fds of their own, without running anything on their threads. The kernel reuses a freed
    /// namespace's inode at once, so a check for threads left in a disposed topology's namespaces
    /// pins them first, or a parallel test's new namespace could carry the same inode.
    /// </summary>
    public static IDisposable KeepAlive(IEnumerable<NetworkNamespace> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var pins = new List<NamespaceHandle>();
        foreach (NetworkNamespace ns in namespaces)
        {
            ns.UseHandle(fd =>
            {
                // Opening the fd's /proc link makes a new open file on the same namespace.
                int pinned = Sys.OpenReadOnly($"/proc/thread-self/fd/{fd}", out int errno);
                if (pinned < 0)
                {
                    throw new NetworkNamespaceException(
                        $"Opening a second fd on namespace '{ns.Name}' failed: {Errno.Describe(errno)}.", errno);
                }

                pins.Add(new NamespaceHandle(pinned, ns.Inode));
            });
        }

        return new NamespacePins(pins);
    }

    private sealed class NamespacePins(List<NamespaceHandle> pins) : IDisposable
    {
        public void Dispose() => pins.ForEach(pin => pin.Dispose());
    }

    /// <summary>
    /// Moves idle thread-pool threads that are outside the host namespace back into it. A pool
    /// thread created while code ran in a namespace starts there; it returns to the host by
    /// itself after its first work item from that code, but not when its first item came from
    /// elsewhere. This runs one blocking item on each pool thread at once to reach them all.
    /// Returns the number of threads moved.
    /// </summary>
    public static int RestoreThreadPoolThreads(TimeSpan timeout)
    {
        if (!IsPoolWorkerOutsideHost())
        {
            return 0;
        }

        // A pool thread that calls this waits instead of taking an item, so it is not counted.
        int count = Math.Max(ThreadPool.ThreadCount - (Thread.CurrentThread.IsThreadPoolThread ? 1 : 0), 1);
        ulong host = HostNamespace.Inode;
        int moved = 0;
        using var allStarted = new CountdownEvent(count);
        using var release = new ManualResetEventSlim();
        var items = new Task[count];

        // The items must not carry the caller's namespace, or running them would move the threads.
        using (ExecutionContext.SuppressFlow())
        {
            for (int i = 0; i < count; i++)
            {
                items[i] = Task.Factory.StartNew(() =>
                {
                    if (GetCurrentThreadInode() != host && HostNamespace.Handle.TryEnter() == 0)
                    {
                        Interlocked.Increment(ref moved);
                    }

                    // Holding each thread until released makes every item land on its own thread.
                    allStarted.Signal();
                    release.Wait(timeout);
                }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            }
        }

        // Pool threads busy elsewhere may never take an item, so the wait also ends as soon as
        // no pool worker is left outside the host.
        long started = Environment.TickCount64;
        while (!allStarted.Wait(1) && IsPoolWorkerOutsideHost() && Environment.TickCount64 - started < timeout.TotalMilliseconds)
        {
        }

        release.Set();
        Task.WaitAll(items, timeout);
        return moved;
    }

    private static bool IsPoolWorkerOutsideHost() =>
        FindThreadsOutsideHost().Any(t => t.Name == ThreadPoolWorkerName);

    private static string ReadThreadName(string taskDirectory)
    {
        try
        {
            return File.ReadAllText($"{taskDirectory}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return "";
        }
    }
}

/// <summary>A thread of the process and the network namespace it is in.</summary>
/// <param name="ThreadId">The kernel thread id.</param>
/// <param name="Name">The thread name from /proc (at most 15 characters).</param>
/// <param name="Inode">The inode of the thread's network namespace.</param>
public sealed record ThreadNamespaceInfo(int ThreadId, string Name, ulong Inode)
{
    /// <summary>The logical name of the namespace, when it is one the caller asked about.</summary>
    public string? NamespaceName { get; init; }

    /// <summary>Formats the thread as "thread 1234 'name' in namespace 'ns1' (inode 4026532001)".</summary>
    public override string ToString() =>
        $"thread {ThreadId} '{Name}' in namespace {(NamespaceName is null ? "" : $"'{NamespaceName}' ")}(inode {Inode})";
}
