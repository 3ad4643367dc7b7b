using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Netns.Testing.Interop;
using Netns.Testing.Threading;

namespace Netns.Testing;

/// <summary>
/// The host network namespace: the one the process's main thread is in. The library records it
/// once, starts the runtime's lazily created threads in it, and creates its own threads only from
/// a thread verified to be in it.
/// </summary>
public static class HostNamespace
{
    private static readonly Lock s_initGate = new();
    private static volatile State? s_state;

    /// <summary>The inode of the host network namespace.</summary>
    public static ulong Inode => GetState().Handle.Inode;

    internal static ulong MountInode => GetState().MountInode;

    internal static NamespaceHandle Handle => GetState().Handle;

    /// <summary>
    /// An empty namespace for callbacks of namespaces already torn down; see <see cref="NamespaceFlow"/>.
    /// </summary>
    internal static NamespaceHandle QuarantineHandle =>
        GetState().Quarantine ?? throw new NetworkNamespaceException("The quarantine namespace could not be created.");

    /// <summary>Whether the calling thread is in the host network namespace.</summary>
    public static bool IsCurrentThreadInHost => NamespaceThreads.GetCurrentThreadInode() == Inode;

    /// <summary>
    /// Records the host namespace and starts the runtime's lazily created threads (thread-pool
    /// workers and gate, timer, socket engine, signal handling) in it, so none of them is born
    /// inside a test namespace. Creating the first namespace calls this; test adapters call it
    /// before any test runs.
    /// </summary>
    public static void EnsureInitialized() => GetState();

    /// <summary>
    /// Runs <paramref name="func"/> on a thread in the host namespace and returns its result, for
    /// example to create a decoy listener on the host's loopback from inside a test body.
    /// </summary>
    public static T Run<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);

        // The code runs on an idle pooled thread, not on the host thread that creates threads and
        // completes RunAsync tasks: code that waits for either would otherwise wait for itself.
        NamespaceThread thread = NamespaceThreadPool.Rent();
        try
        {
            return thread.InvokeInternal(() =>
            {
                // Without the thread's context, awaits blocked on inside func resume on the thread pool.
                SynchronizationContext? previous = SynchronizationContext.Current;
                SynchronizationContext.SetSynchronizationContext(null);
                try
                {
                    return func();
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(previous);
                }
            });
        }
        finally
        {
            thread.Post(static state => NamespaceThreadPool.ReturnFromCurrentThread((NamespaceThread)state!), thread);
        }
    }

    internal static NamespaceThread CreateThread() => GetState().Spawner.CreateThread();

    /// <summary>
    /// Returns a task that completes like <paramref name="task"/>, but from the host thread and
    /// with its continuations queued rather than run inline. A thread copies the network
    /// namespace of the thread that creates it, so a task completed on a namespace thread could
    /// otherwise start thread-pool or test-framework threads inside that namespace, where the
    /// caller's later code would run.
    /// </summary>
    internal static Task<T> CompleteFromHost<T>(Task<T> task)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        HostThread spawner = GetState().Spawner;
        task.ContinueWith(
            finished => spawner.Post(() => Transfer(finished, completion)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return completion.Task;
    }

    private static void Transfer<T>(Task<T> finished, TaskCompletionSource<T> completion)
    {
        if (finished.IsCompletedSuccessfully)
        {
            completion.TrySetResult(finished.Result);
        }
        else if (finished.IsFaulted)
        {
            // The exceptions keep the stack traces they were thrown with.
            completion.TrySetException(finished.Exception!.InnerExceptions);
        }
        else
        {
            try
            {
                finished.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                completion.TrySetCanceled(e.CancellationToken);
            }
        }
    }

    private static State GetState()
    {
        State? state = s_state;
        if (state is not null)
        {
            return state;
        }

        lock (s_initGate)
        {
            return s_state ??= State.Create();
        }
    }

    private sealed class State
    {
        public required NamespaceHandle Handle { get; init; }

        public required ulong MountInode { get; init; }

        public NamespaceHandle? Quarantine { get; set; }

        public required HostThread Spawner { get; init; }

        public static State Create()
        {
            // The main thread's namespaces are the host's by definition, whatever thread calls.
            int pid = Environment.ProcessId;
            string mainThread = $"/proc/self/task/{pid}/ns";
            int fd = Sys.OpenReadOnly($"{mainThread}/net", out int errno);
            if (fd < 0)
            {
                throw new NetworkNamespaceException(
                    $"Opening the host network namespace ({mainThread}/net) failed: {Errno.Describe(errno)}.", errno);
            }

            var handle = new NamespaceHandle(fd, Sys.GetInode(fd));
            var state = new State
            {
                Handle = handle,
                MountInode = Sys.ReadNamespaceInode($"{mainThread}/mnt"),
                Spawner = new HostThread(handle),
            };
            state.Quarantine = state.Spawner.Invoke(WarmUpAndCreateQuarantine);
            return state;
        }
    }

    private static NamespaceHandle? WarmUpAndCreateQuarantine()
    {
        WarmUpRuntimeThreads();

        // The quarantine namespace is made on a thread of its own that then ends, so nothing has
        // to return from it. That thread also checks that a thread can enter the host namespace
        // again: in a user namespace that does not own the host's network namespace, setns(2)
        // into it fails with EPERM, and namespace threads could never come back.
        NamespaceHandle host = t_hostHandle!;
        NamespaceHandle? quarantine = null;
        var creator = new Thread(() =>
        {
            if (Sys.TryUnshareNetwork() != 0)
            {
                return;
            }

            quarantine = NamespaceHandle.OpenCurrentThread("the quarantine namespace");
            s_hostReentryErrno = host.TryEnter();
        });
        creator.UnsafeStart();
        creator.Join();
        return quarantine;
    }

    // The errno of entering the host namespace from a new namespace, or 0 when that works.
    private static int s_hostReentryErrno;

    /// <summary>
    /// Throws when threads cannot return to the host namespace after entering a test namespace,
    /// which happens in a user namespace that does not own the host's network namespace.
    /// </summary>
    internal static void ThrowIfHostCannotBeReentered(string namespaceName)
    {
        EnsureInitialized();
        if (s_hostReentryErrno != 0)
        {
            throw new MissingPrivilegesException(
                $"Creating network namespace '{namespaceName}' failed: a thread that enters a new network namespace " +
                $"cannot enter the host namespace again (setns returned {Errno.Describe(s_hostReentryErrno)}), " +
                "because the process runs in a user namespace that does not own the host network namespace. " +
                Privileges.HowToRun,
                ["CAP_SYS_ADMIN over the host network namespace"],
                s_hostReentryErrno);
        }
    }

    // Set on the host thread only, which runs before the state is published.
    [ThreadStatic]
    private static NamespaceHandle? t_hostHandle;

    private static void WarmUpRuntimeThreads()
    {
        // Thread-pool workers and the gate thread start when work is first queued.
        var pending = new Task[Environment.ProcessorCount * 2];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = Task.Run(() => Thread.Sleep(1));
        }

        Task.WaitAll(pending);

        // The timer thread starts with the first timer.
        Task.Delay(1).Wait();

        // The socket engine's event loop threads start with the first asynchronous socket operation.
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var buffer = new byte[1];
            _ = socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
        }

        // The signal handling thread starts with the first signal registration; Process needs it for SIGCHLD.
        if (OperatingSystem.IsLinux())
        {
            using (PosixSignalRegistration.Create(PosixSignal.SIGCHLD, static _ => { }))
            {
            }
        }
    }

    /// <summary>A thread that stays in the host namespace and creates every namespace thread.</summary>
    private sealed class HostThread
    {
        private readonly BlockingCollection<Action> _work = [];
        private readonly Thread _thread;

        public HostThread(NamespaceHandle host)
        {
            _thread = new Thread(() => Loop(host)) { IsBackground = true, Name = "netns host" };
            // The thread that starts it may be in a test namespace; Loop moves it to the host first.
            _thread.UnsafeStart();
        }

        public NamespaceThread CreateThread() => Invoke(static () =>
        {
            var thread = new NamespaceThread();
            thread.Start();
            return thread;
        });

        public void Post(Action action) => _work.Add(action);

        public T Invoke<T>(Func<T> func)
        {
            if (Thread.CurrentThread == _thread)
            {
                return func();
            }

            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _work.Add(() =>
            {
                try
                {
                    completion.SetResult(func());
                }
                catch (Exception e)
                {
                    completion.SetException(e);
                }
            });
            return completion.Task.GetAwaiter().GetResult();
        }

        private void Loop(NamespaceHandle host)
        {
            t_hostHandle = host;

            // setns(2) needs CAP_SYS_ADMIN even into the namespace the thread is already in, and a
            // process without it must still get here to report its missing privileges.
            if (Sys.ReadNamespaceInode("/proc/thread-self/ns/net") != host.Inode)
            {
                host.EnterOrFailFast("the host network namespace");
            }

            foreach (Action action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }
    }
}
