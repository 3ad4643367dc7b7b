using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Netns.Testing.Interop;
using Netns.Testing.Netlink;
using Netns.Testing.Threading;

namespace Netns.Testing;

/// <summary>
/// An anonymous Linux network namespace, held by an fd with no bind mount. Code run in it gets a
/// thread of its own, bound to the namespace on the first run. Disposing it stops the processes
/// started in it, moves its thread out and closes every fd the library holds on it, after which
/// the kernel frees it.
/// </summary>
public sealed partial class NetworkNamespace : IDisposable, IAsyncDisposable
{
    // How long disposal waits for the namespace thread to leave; a thread still running user
    // code after that (a hung test body) is abandoned in the namespace.
    private static readonly TimeSpan s_threadLeaveTimeout = TimeSpan.FromSeconds(2);

    private static readonly bool s_hasIPv6 = Directory.Exists("/proc/sys/net/ipv6");

    private readonly NamespaceHandle _handle;
    private readonly List<Process> _processes = [];
    private readonly List<NamespaceThread> _retiredThreads = [];
    private readonly ConcurrentQueue<Exception> _unhandledExceptions = new();
    private readonly ManualResetEventSlim _disposeDone = new();
    private readonly Lock _threadGate = new();

    // The thread that runs code in the namespace, bound when code first runs there.
    private NamespaceThread? _thread;
    private RouteNetlinkClient? _netlink;
    private int _disposed;

    private NetworkNamespace(string name, NamespaceHandle handle)
    {
        Name = name;
        _handle = handle;
    }

    /// <summary>The logical name the test gave the namespace, such as "ns1".</summary>
    public string Name { get; }

    /// <summary>The inode of the namespace, its identity in /proc/*/ns/net.</summary>
    public ulong Inode => _handle.Inode;

    /// <summary>The rtnetlink client that configures links, addresses and routes in this namespace.</summary>
    public RouteNetlinkClient Netlink => !IsDisposed && _netlink is not null ? _netlink : throw CreateDisposedException();

    /// <summary>Whether the namespace was disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>How long disposal waits for a process to exit after SIGTERM before sending SIGKILL.</summary>
    public TimeSpan ProcessStopTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Exceptions that escaped asynchronous void methods running on the namespace thread.</summary>
    public IReadOnlyCollection<Exception> UnhandledExceptions => _unhandledExceptions;

    internal NamespaceHandle Handle => _handle;

    /// <summary>
    /// Creates a network namespace with <c>lo</c> up, so 127.0.0.1 and ::1 work at once.
    /// </summary>
    /// <param name="name">The logical name, used in messages; parallel namespaces may share it.</param>
    /// <param name="options">Settings for the new namespace, or null for the defaults.</param>
    /// <exception cref="NetworkNamespaceException">
    /// The process lacks CAP_SYS_ADMIN or CAP_NET_ADMIN, or the kernel rejected a step.
    /// </exception>
    public static NetworkNamespace Create(string name, NamespaceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new NamespaceSpec(name) { Options = options ?? NamespaceOptions.Default };
        (NetworkNamespace? created, Exception? error) = CreateMany([request])[0];
        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return created!;
    }

    /// <summary>Creates a network namespace on a library thread without blocking the caller.</summary>
    public static Task<NetworkNamespace> CreateAsync(
        string name,
        NamespaceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= NamespaceOptions.Default;
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<NetworkNamespace>(cancellationToken);
        }

        HostNamespace.ThrowIfHostCannotBeReentered(name);

        // The token is checked only before the thread is rented: a task canceled after that would
        // never run, and the rented thread would never return to the pool.
        NamespaceThread thread = NamespaceThreadPool.Rent();
        return HostNamespace.CompleteFromHost(Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return CreateFromHostThread(name, options);
                }
                finally
                {
                    NamespaceThreadPool.ReturnFromCurrentThread(thread);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            thread.Scheduler));
    }

    /// <summary>
    /// Creates several namespaces one after the other and returns each namespace or the exception
    /// that stopped it, in request order, up to the first failure. The calling thread makes them
    /// when it is in the host namespace, and an idle library thread otherwise. Either way the
    /// calling thread ends in the namespace it started in.
    /// </summary>
    internal static (NetworkNamespace? Namespace, Exception? Error)[] CreateMany(IReadOnlyList<NamespaceSpec> requests)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        HostNamespace.ThrowIfHostCannotBeReentered(requests[0].Name);
        return HostNamespace.IsCurrentThreadInHost
            ? CreateManyFromHostThread(requests)
            : HostNamespace.Run(() => CreateManyFromHostThread(requests));
    }

    private static (NetworkNamespace? Namespace, Exception? Error)[] CreateManyFromHostThread(IReadOnlyList<NamespaceSpec> requests)
    {
        var results = new (NetworkNamespace?, Exception?)[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            try
            {
                results[i] = (CreateFromHostThread(requests[i].Name, requests[i].Options), null);
            }
            catch (Exception e)
            {
                // The namespaces after a failed one are not attempted: the build is rolled back anyway.
                results[i] = (null, e);
                break;
            }
        }

        return results;
    }

    /// <summary>
    /// Creates a namespace from a thread in the host namespace: the thread unshares into the new
    /// namespace, opens its fd and netlink socket, sets it up and enters the host namespace again.
    /// The namespace gets a thread of its own only when code first runs in it.
    /// </summary>
    private static NetworkNamespace CreateFromHostThread(string name, NamespaceOptions options)
    {
        ThrowIfInvalidSysctls(name, options);

        // No await or thread switch may come between unshare and opening the fd: the fd must
        // name the namespace this thread just made.
        int errno = Sys.TryUnshareNetwork();
        if (errno != 0)
        {
            IReadOnlyList<string> missing = Privileges.GetMissingCapabilities();
            if (errno == Errno.EPERM && missing.Count > 0)
            {
                throw new MissingPrivilegesException(Privileges.DescribeMissing(name, missing), missing, errno);
            }

            throw new NetworkNamespaceException(
                $"Creating network namespace '{name}' failed: unshare(CLONE_NEWNET) returned {Errno.Describe(errno)}.", errno);
        }

        NetworkNamespace? ns = null;
        try
        {
            ns = new NetworkNamespace(name, NamespaceHandle.OpenCurrentThread($"new namespace '{name}'"));
            ns._netlink = new RouteNetlinkClient(RouteNetlinkSocket.Open(name), name);

            // A new namespace has only lo, and it is down.
            ns._netlink.SetLinkUp("lo");
            ns.ApplyOptions(options);
        }
        catch
        {
            ns?.Dispose();
            throw;
        }
        finally
        {
            // The library checked at start that threads can enter the host namespace again.
            HostNamespace.Handle.EnterOrFailFast($"the host network namespace from new namespace '{name}'");
        }

        NamespaceLog.NamespaceCreated(NamespaceLog.Logger, name, ns.Inode);
        return ns;
    }

    /// <summary>Checks the sysctls of <paramref name="options"/> before anything is created.</summary>
    private static void ThrowIfInvalidSysctls(string name, NamespaceOptions options)
    {
        foreach ((string sysctl, string value) in options.Sysctls)
        {
            if (GetSysctlProblem(sysctl) is string problem)
            {
                throw new ArgumentException($"NamespaceOptions.Sysctls of namespace '{name}': {problem}", nameof(options));
            }

            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException(
                    $"NamespaceOptions.Sysctls of namespace '{name}': the value of '{sysctl}' is empty; give the value to write, " +
                    "because the kernel ignores an empty write.",
                    nameof(options));
            }
        }
    }

    private void ApplyOptions(NamespaceOptions options)
    {
        // Interfaces created later copy the "default" settings of their namespace.
        if (options.DisableDuplicateAddressDetection && s_hasIPv6)
        {
            WriteSysctlOnCurrentThread("net.ipv6.conf.default.accept_dad", "0");
        }

        if (options.IPForwarding)
        {
            WriteSysctlOnCurrentThread("net.ipv4.ip_forward", "1");
            if (s_hasIPv6)
            {
                WriteSysctlOnCurrentThread("net.ipv6.conf.all.forwarding", "1");
            }
        }

        if (options.AllowUnprivilegedPing)
        {
            WriteSysctlOnCurrentThread("net.ipv4.ping_group_range", "0 2147483647");
        }

        foreach ((string sysctl, string value) in options.Sysctls)
        {
            WriteSysctlOnCurrentThread(sysctl, value);
        }
    }

    /// <summary>
    /// Runs the library's own short, synchronous <paramref name="func"/> inside this namespace.
    /// A calling thread in the host namespace, or in another namespace of the library, enters this
    /// one with setns(2) and goes back once <paramref name="func"/> returns, which is far cheaper
    /// than a round trip to the namespace thread; a thread anywhere else hands the work to the
    /// namespace thread. <paramref name="func"/> must not block on other threads or start any.
    /// </summary>
    internal T InvokeInside<T, TState>(Func<TState, T> func, TState state)
    {
        ThrowIfDisposed();
        if (_thread?.IsCurrentThread == true)
        {
            return func(state);
        }

        ulong current = NamespaceThreads.GetCurrentThreadInode();
        if (current == Inode)
        {
            return func(state);
        }

        NamespaceHandle? back = current == HostNamespace.Inode
            ? HostNamespace.Handle
            : NamespaceFlow.Entered is { } entered && entered.Inode == current ? entered.Handle : null;
        bool backAdded = false;
        try
        {
            try
            {
                // Holding the fd keeps the caller's namespace enterable until the caller is back.
                back?.DangerousAddRef(ref backAdded);
            }
            catch (ObjectDisposedException)
            {
                // The namespace the caller is in was disposed meanwhile, so the caller has nothing to
                // return to, and the namespace's own thread does the work instead.
            }

            if (!backAdded)
            {
                // Disposal may send the thread back to the pool before this work reaches it, and
                // there it is in the host namespace or already serves another namespace.
                NamespaceThread thread = BindThread();
                return thread.InvokeInternal(() => thread.Namespace == this ? func(state) : throw CreateDisposedException());
            }

            int errno = _handle.TryEnter();
            if (errno != 0)
            {
                throw errno == Errno.EBADF
                    ? CreateDisposedException()
                    : new NetworkNamespaceException($"Entering namespace '{Name}' failed: {Errno.Describe(errno)}.", errno);
            }

            try
            {
                return func(state);
            }
            finally
            {
                back!.EnterOrFailFast($"namespace {current} again from namespace '{Name}'");
            }
        }
        finally
        {
            if (backAdded)
            {
                back!.DangerousRelease();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> with the namespace fd kept open.</summary>
    internal void UseHandle(Action<int> action)
    {
        ThrowIfDisposed();
        bool added = false;
        try
        {
            try
            {
                _handle.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw CreateDisposedException();
            }

            action(_handle.DangerousGetHandle().ToInt32());
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    internal bool IsOwnThread(int threadId) => _thread?.OsThreadId == threadId;

    /// <summary>
    /// Returns the namespace thread, binding an idle library thread to the namespace first if
    /// none is. The thread enters the namespace before any work posted after this call.
    /// </summary>
    private NamespaceThread BindThread()
    {
        NamespaceThread? thread = Volatile.Read(ref _thread);
        if (thread is not null)
        {
            return thread;
        }

        lock (_threadGate)
        {
            // Disposal reads the thread under the same lock after marking the namespace disposed,
            // so a thread bound here is always released.
            ThrowIfDisposed();
            if (_thread is null)
            {
                thread = NamespaceThreadPool.Rent();
                Volatile.Write(ref _thread, thread);
                thread.Post(
                    static state =>
                    {
                        (NetworkNamespace ns, NamespaceThread bound) = ((NetworkNamespace, NamespaceThread))state!;
                        ns.EnterOnBoundThread(bound);
                    },
                    (this, thread));
            }

            return _thread;
        }
    }

    private void EnterOnBoundThread(NamespaceThread thread)
    {
        // The thread must not run the namespace's code in the host. In the quarantine namespace
        // the check before a test body and the check after each run report the failure.
        int errno = NamespaceFlow.EnterOrQuarantine(this);
        if (errno != 0)
        {
            NamespaceLog.ThreadEnterFailed(NamespaceLog.Logger, Name, Errno.Describe(errno));
        }

        thread.Assign(this);
    }

    internal void RecordUnhandledException(Exception exception) => _unhandledExceptions.Enqueue(exception);

    /// <summary>Formats the namespace as "ns1 (inode 4026532001)".</summary>
    public override string ToString() => $"{Name} (inode {Inode})";

    /// <summary>
    /// Stops the processes started in the namespace (SIGTERM, then SIGKILL after
    /// <see cref="ProcessStopTimeout"/>), moves the namespace thread out and closes the library's fds.
    /// Sockets created in the namespace keep it alive until they are disposed.
    /// </summary>
    public void Dispose()
    {
        ManualResetEventSlim? left = BeginDispose(out bool owner);
        EndDispose(left, owner);
    }

    /// <summary>
    /// Starts disposal: stops processes, closes the netlink socket and posts the thread its request to leave.
    /// Returns the event the thread sets once it has left, or null when there is nothing to wait
    /// for. Disposing several namespaces begins all of them before waiting, so their threads
    /// leave in parallel. <paramref name="owner"/> is false when another call already began it.
    /// </summary>
    internal ManualResetEventSlim? BeginDispose(out bool owner)
    {
        owner = Interlocked.Exchange(ref _disposed, 1) == 0;
        if (!owner)
        {
            return null;
        }

        StopProcesses();
        _netlink?.Dispose();
        return ReleaseThread();
    }

    /// <summary>
    /// Waits for the thread to leave, then closes the namespace fd. A call that did not begin the
    /// disposal waits for the one that did, so no caller returns while the thread is still inside.
    /// </summary>
    internal void EndDispose(ManualResetEventSlim? left, bool owner)
    {
        if (!owner)
        {
            // The namespace thread itself cannot wait: the owner is waiting for it to leave.
            if (_thread?.IsCurrentThread != true)
            {
                _disposeDone.Wait();
            }

            return;
        }

        if (left is not null && !left.Wait(s_threadLeaveTimeout))
        {
            NamespaceLog.ThreadAbandoned(NamespaceLog.Logger, Name, (int)s_threadLeaveTimeout.TotalMilliseconds);
        }

        lock (_retiredThreads)
        {
            foreach (NamespaceThread retired in _retiredThreads)
            {
                retired.Join(s_threadLeaveTimeout);
            }
        }

        _handle.Dispose();
        _disposeDone.Set();
    }

    /// <summary>Disposes the namespace without blocking the caller's thread.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposeDone.IsSet)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(Task.Factory.StartNew(
            Dispose, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default));
    }

    private ManualResetEventSlim? ReleaseThread()
    {
        NamespaceThread? thread;
        lock (_threadGate)
        {
            thread = _thread;
        }

        if (thread is null)
        {
            return null;
        }

        if (thread.IsCurrentThread)
        {
            // Disposed from its own thread: leave after the running work item, not in the middle of it.
            thread.Post(static state => NamespaceThreadPool.ReturnFromCurrentThread((NamespaceThread)state!), thread);
            return null;
        }

        // The event is never disposed, because a thread that misses the timeout still sets it later.
        var left = new ManualResetEventSlim();
        thread.Post(state =>
        {
            NamespaceThreadPool.ReturnFromCurrentThread(thread);
            ((ManualResetEventSlim)state!).Set();
        }, left);
        return left;
    }

    private void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw CreateDisposedException();
        }
    }

    private ObjectDisposedException CreateDisposedException() =>
        new(ToString(), $"Network namespace '{Name}' was disposed; create a new namespace to run more code.");
}

