namespace Netns.Testing.Threading;

/// <summary>
/// Carries the logical network namespace of running code in the <see cref="ExecutionContext"/>.
/// Whenever a thread switches to a context whose namespace differs from the one the thread is
/// in, it enters that namespace with setns(2) first. That is what keeps code in its namespace
/// when a continuation or a <c>Task.Run</c> item runs on a thread-pool thread, and what brings
/// such a thread back to its home namespace (the host's for pool threads) afterwards.
/// </summary>
internal static class NamespaceFlow
{
    private static readonly AsyncLocal<NetworkNamespace?> s_current = new(OnContextChanged);

    // The namespace the thread returns to between work items: a namespace thread's own namespace,
    // or null for the host's.
    [ThreadStatic]
    private static NetworkNamespace? t_home;

    // The namespace this thread was last moved into by the flow, or null for the host's.
    [ThreadStatic]
    private static NetworkNamespace? t_entered;

    /// <summary>The logical namespace of the running code, or null outside any.</summary>
    public static NetworkNamespace? Current => s_current.Value;

    /// <summary>The namespace the calling thread was last moved into, by the flow or as its home; null for the host's.</summary>
    public static NetworkNamespace? Entered => t_entered;

    /// <summary>Records that the calling namespace thread now lives in <paramref name="home"/>.</summary>
    public static void SetHome(NetworkNamespace? home)
    {
        t_home = home;
        t_entered = home;
    }

    /// <summary>
    /// Sets the logical namespace for work captured until the returned scope ends, without moving
    /// the calling thread: a captured context that runs on another thread moves that thread.
    /// </summary>
    public static Scope Use(NetworkNamespace? target)
    {
        NetworkNamespace? previous = s_current.Value;
        s_current.Value = target;
        return new Scope(previous);
    }

    private static void OnContextChanged(AsyncLocalValueChangedArgs<NetworkNamespace?> args)
    {
        // Explicit sets (Use) never move a thread; only running a captured context does.
        if (!args.ThreadContextChanged)
        {
            return;
        }

        NetworkNamespace? target = args.CurrentValue ?? t_home;
        if (ReferenceEquals(target, t_entered))
        {
            return;
        }

        // A namespace that is already torn down cannot be entered; its late callbacks (timers,
        // continuations) run in the quarantine namespace, which has no links, so they reach
        // nothing rather than the host's network.
        EnterOrQuarantine(target);
        t_entered = target;
    }

    /// <summary>
    /// Moves the calling thread into <paramref name="target"/> (the host's when null), or into the
    /// quarantine namespace when that fails, and ends the process when neither works. Returns 0,
    /// or the errno of entering <paramref name="target"/>.
    /// </summary>
    public static int EnterOrQuarantine(NetworkNamespace? target)
    {
        int errno = target is null ? HostNamespace.Handle.TryEnter() : target.Handle.TryEnter();
        if (errno != 0 && HostNamespace.QuarantineHandle.TryEnter() != 0)
        {
            Environment.FailFast(
                $"A thread could not enter network namespace '{target?.Name ?? "host"}' nor the quarantine namespace.");
        }

        return errno;
    }

    public readonly struct Scope(NetworkNamespace? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
