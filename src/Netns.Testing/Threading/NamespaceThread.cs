using Netns.Testing.Interop;

namespace Netns.Testing.Threading;

/// <summary>
/// A dedicated OS thread that runs posted work in one network namespace, with a single-threaded
/// <see cref="SynchronizationContext"/> and <see cref="TaskScheduler"/> so continuations resume
/// on it. Threads are created only from a host-namespace thread (see <see cref="NamespaceThreadPool"/>)
/// and are reused only after they are verified back in the host's network and mount namespaces.
/// </summary>
internal sealed class NamespaceThread
{
    // Guards every thread's _waitingFor, so two threads that block on each other at once cannot both miss the cycle.
    private static readonly Lock s_waitGate = new();

    [ThreadStatic]
    private static NamespaceThread? t_current;

    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly object _gate = new();
    private readonly Thread _thread;
    private bool _stopping;
    private NamespaceThread? _successor;
    private NamespaceThread? _waitingFor;

    public NamespaceThread()
    {
        SynchronizationContext = new NamespaceSynchronizationContext(this);
        Scheduler = new NamespaceTaskScheduler(this);
        _thread = new Thread(Loop) { IsBackground = true, Name = "netns worker" };
    }

    public NamespaceSynchronizationContext SynchronizationContext { get; }

    public NamespaceTaskScheduler Scheduler { get; }

    /// <summary>The kernel thread id, for reports of threads left in a namespace.</summary>
    public int OsThreadId { get; private set; }

    /// <summary>The namespace the thread serves, or null while it is idle in the host namespace.</summary>
    public NetworkNamespace? Namespace { get; private set; }

    public bool IsCurrentThread => Thread.CurrentThread == _thread;

    public bool IsStopped { get; private set; }

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>
    /// Records that the calling namespace thread blocks until this thread has run its work, for as
    /// long as the returned scope lasts. A thread blocked on this one, directly or through others,
    /// could never run that work, so the call throws instead of deadlocking.
    /// </summary>
    /// <exception cref="InvalidOperationException">This thread is waiting for the calling one.</exception>
    public WaitScope BlockCaller()
    {
        NamespaceThread? caller = t_current;
        if (caller is null)
        {
            return default;
        }

        lock (s_waitGate)
        {
            for (NamespaceThread? waiting = this; waiting is not null; waiting = waiting._waitingFor)
            {
                if (waiting == caller)
                {
                    string target = Namespace?.Name ?? "host";
                    throw new InvalidOperationException(
                        $"Running code synchronously in namespace '{target}' from the thread of namespace " +
                        $"'{caller.Namespace?.Name ?? "host"}' would deadlock: the thread of '{target}' is blocked in a " +
                        "synchronous Run that waits for the calling thread. Use RunAsync and await it instead of Run " +
                        "for one of the nested calls.");
                }
            }

            caller._waitingFor = this;
        }

        return new WaitScope(caller);
    }

    public readonly struct WaitScope(NamespaceThread? caller) : IDisposable
    {
        public void Dispose()
        {
            if (caller is not null)
            {
                lock (s_waitGate)
                {
                    caller._waitingFor = null;
                }
            }
        }
    }

    public void Start()
    {
        using var started = new ManualResetEventSlim();
        _thread.UnsafeStart(started);
        started.Wait();
    }

    public void Post(SendOrPostCallback callback, object? state)
    {
        NamespaceThread? successor;
        lock (_gate)
        {
            if (!IsStopped)
            {
                _queue.Enqueue((callback, state));
                if (_queue.Count == 1)
                {
                    Monitor.Pulse(_gate);
                }

                return;
            }

            successor = _successor;
        }

        // Work can still arrive after the thread has ended, from a continuation or a call that
        // read the thread before disposal or retirement released it. A thread that ended on its
        // way back to the pool has no successor, so an idle thread runs the work and then returns
        // to the pool.
        if (successor is not null)
        {
            successor.Post(callback, state);
            return;
        }

        NamespaceThread standIn = NamespaceThreadPool.Rent();
        standIn.Post(callback, state);
        standIn.Post(static thread => NamespaceThreadPool.ReturnFromCurrentThread((NamespaceThread)thread!), standIn);
    }

    /// <summary>
    /// Runs the library's own short <paramref name="func"/> on the thread and waits for it. It skips
    /// the task machinery and the namespace check of user code, and runs with the thread's own
    /// context, so no caller's namespace flows into it.
    /// </summary>
    public T InvokeInternal<T>(Func<T> func)
    {
        if (IsCurrentThread)
        {
            return func();
        }

        using WaitScope blocked = BlockCaller();
        var call = new InternalCall<T>(func);
        Post(static state => ((InternalCall<T>)state!).Run(), call);
        return call.WaitForResult();
    }

    private sealed class InternalCall<T>(Func<T> func)
    {
        private readonly ManualResetEventSlim _done = new();
        private T? _result;
        private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _error;

        public void Run()
        {
            try
            {
                _result = func();
            }
            catch (Exception e)
            {
                _error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _done.Set();
            }
        }

        public T WaitForResult()
        {
            _done.Wait();
            _done.Dispose();
            _error?.Throw();
            return _result!;
        }
    }

    /// <summary>Marks the thread as serving <paramref name="ns"/>; call on the thread itself.</summary>
    public void Assign(NetworkNamespace? ns)
    {
        Namespace = ns;
        NamespaceFlow.SetHome(ns);
    }

    /// <summary>
    /// Checks, on the thread itself, that it is still in <paramref name="expected"/>'s network
    /// namespace (or the host's when null) and in the host's mount namespace. Returns what
    /// differed, or null.
    /// </summary>
    public string? Verify(NetworkNamespace? expected)
    {
        ulong net = Sys.ReadNamespaceInode("/proc/thread-self/ns/net");
        ulong mnt = Sys.ReadNamespaceInode("/proc/thread-self/ns/mnt");
        ulong expectedNet = expected?.Inode ?? HostNamespace.Inode;
        var differences = new List<string>(2);
        if (net != expectedNet)
        {
            differences.Add($"its network namespace is {net}, expected {expectedNet} ({expected?.Name ?? "host"})");
        }

        if (mnt != HostNamespace.MountInode)
        {
            differences.Add($"its mount namespace is {mnt}, expected {HostNamespace.MountInode}");
        }

        return differences.Count == 0
            ? null
            : $"Thread {OsThreadId} of namespace '{expected?.Name ?? "host"}' was left outside its namespaces: " +
              string.Join(" and ", differences) + ". Code run in a namespace must not call setns(2) or unshare(2) " +
              "without restoring; the thread is ended and not reused.";
    }

    /// <summary>Ends the thread after the work already queued; later posts move to <paramref name="successor"/>.</summary>
    public void Stop(NamespaceThread? successor = null)
    {
        lock (_gate)
        {
            _stopping = true;
            _successor = successor;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop(object? state)
    {
        OsThreadId = Sys.GetCurrentThreadId();
        t_current = this;
        System.Threading.SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        ((ManualResetEventSlim)state!).Set();
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping && (_successor is not null || _queue.Count == 0))
                {
                    IsStopped = true;
                    while (_queue.Count > 0)
                    {
                        var pending = _queue.Dequeue();
                        _successor?.Post(pending.Callback, pending.State);
                    }

                    return;
                }

                item = _queue.Dequeue();
            }

            try
            {
                item.Callback(item.State);
            }
            catch (Exception e)
            {
                // Work posted here comes from tasks (which capture their own exceptions) and
                // continuations; an exception escaping one is an async void method's.
                Namespace?.RecordUnhandledException(e);
                NamespaceLog.UnhandledException(NamespaceLog.Logger, Namespace?.Name ?? "host", e);
            }
        }
    }
}
