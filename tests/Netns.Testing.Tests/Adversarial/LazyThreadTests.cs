using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing.Tests.Kernel;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

// A namespace gets its thread only when code first runs in it. Sockets, /proc/net reads and
// sysctls enter the namespace on the calling thread instead, when that thread can return.
public class LazyThreadTests
{
    private const string TtlSysctl = "net.ipv4.ip_default_ttl";

    // A new namespace starts with the kernel's default TTL of 64; 77 marks the namespace under test.
    private const string MarkedTtl = "77";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    // Assigned to lo in the namespace under test only, so binding to it proves where a socket is.
    private static readonly IPAddress s_targetAddress = IPAddress.Parse("198.18.66.1");

    private static readonly NamespaceOptions s_markedTtl = new()
    {
        Sysctls = new Dictionary<string, string> { [TtlSysctl] = MarkedTtl },
    };

    /// <summary>Where a call into a namespace comes from.</summary>
    public enum Caller
    {
        HostThread,
        PoolThread,
        OtherNamespaceThread,
        PoolThreadInOtherNamespace,
        ThreadInOwnNamespace,
    }

    /// <summary>A library call that runs inside a namespace on behalf of its caller.</summary>
    public enum InsideCall
    {
        CreateSocket,
        ReadSysctl,
        WriteSysctl,
        ReadProcNetFile,
    }

    [Theory]
    [InlineData(Caller.HostThread)]
    [InlineData(Caller.PoolThread)]
    [InlineData(Caller.OtherNamespaceThread)]
    [InlineData(Caller.PoolThreadInOtherNamespace)]
    [InlineData(Caller.ThreadInOwnNamespace)]
    public async Task InsideCalls_FromEachCaller_ActInTarget(Caller caller)
    {
        using NetworkNamespace target = CreateMarked("adv-lazy-target");
        using NetworkNamespace other = NetworkNamespace.Create("adv-lazy-other");
        string hostTtl = HostView.ReadSysctl("/proc/sys/net/ipv4/ip_default_ttl").TrimEnd('\n');
        string otherTtl = other.ReadSysctl(TtlSysctl);

        CallTrace trace = await RunFromAsync(caller, other, () => CallRepeatedly(target)).WaitAsync(s_timeout);

        ulong expectedCaller = caller switch
        {
            Caller.HostThread or Caller.PoolThread => HostNamespace.Inode,
            Caller.OtherNamespaceThread or Caller.PoolThreadInOtherNamespace => other.Inode,
            _ => trace.Before,
        };
        Assert.Equal(expectedCaller, trace.Before);
        Assert.NotEqual(target.Inode, trace.Before);
        Assert.All(trace.Inodes, inode => Assert.Equal(trace.Before, inode));
        Assert.Equal(new[] { MarkedTtl, "80", "81" }, trace.TtlsRead);
        Assert.Equal(new[] { "80", "81", "82" }, trace.TtlsWritten);
        Assert.All(trace.UdpChecks, found => Assert.True(found, "The bound socket is missing from the target's /proc/net/udp."));
        Assert.Equal(otherTtl, other.ReadSysctl(TtlSysctl));
        Assert.Equal(hostTtl, HostView.ReadSysctl("/proc/sys/net/ipv4/ip_default_ttl").TrimEnd('\n'));
    }

    [Fact]
    public async Task Run_ManyCallersOnFreshNamespace_BindOneThread()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-lazy-many-callers");
        const int Callers = 8;
        using var start = new Barrier(Callers);

        // Dedicated threads, so the barrier does not wait for the thread pool to grow.
        Task<(int ThreadId, ulong Inode)>[] runs = Enumerable.Range(0, Callers)
            .Select(i => RunOnNewThreadAsync(() =>
            {
                start.SignalAndWait();
                return i % 2 == 0
                    ? ns.Run(ObserveThread)
                    : ns.RunAsync(() => Task.FromResult(ObserveThread())).GetAwaiter().GetResult();
            }, unshare: false))
            .ToArray();
        (int ThreadId, ulong Inode)[] seen = await Task.WhenAll(runs).WaitAsync(s_timeout);

        Assert.All(seen, run => Assert.Equal(ns.Inode, run.Inode));
        Assert.Single(seen.Select(run => run.ThreadId).Distinct());
        Assert.Single(DisposalRaceTests.ThreadsIn(ns.Inode));
    }

    [Fact]
    public void Run_RacingFirstDispose_RunsInsideOrThrowsDisposed()
    {
        // No Run came before, so the race is between binding the first thread and disposal.
        List<string> wrong = RaceWithDispose(
            400,
            unshareCaller: false,
            round => NetworkNamespace.Create("adv-lazy-first-run-race"),
            ns =>
            {
                ulong inode = ns.Run(NamespaceThreads.GetCurrentThreadInode);
                return inode == ns.Inode ? null : $"ran in namespace {inode}";
            });

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(InsideCall.CreateSocket)]
    [InlineData(InsideCall.ReadSysctl)]
    [InlineData(InsideCall.WriteSysctl)]
    [InlineData(InsideCall.ReadProcNetFile)]
    public void InsideCall_ForeignThreadRacingDispose_ActsInside(InsideCall call)
    {
        // A thread in a namespace the library does not know hands the call to the namespace
        // thread, which disposal may already have sent back to the pool.
        var markers = new Dictionary<NetworkNamespace, Socket>();
        List<string> wrong;
        try
        {
            wrong = RaceWithDispose(
                400,
                unshareCaller: true,
                round =>
                {
                    NetworkNamespace ns = CreateMarked("adv-lazy-foreign-race");
                    ns.Run(() => { });
                    lock (markers)
                    {
                        markers[ns] = BindUdp(ns, IPAddress.Loopback);
                    }

                    return ns;
                },
                ns => CheckInsideCall(call, ns, markers));
        }
        finally
        {
            foreach (Socket marker in markers.Values)
            {
                marker.Dispose();
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Call_RacingDisposeWithFullIdlePool_NeverHangs(bool fromForeignThread)
    {
        // The pool keeps at most 64 idle threads and ends any thread returned beyond that, so
        // binding 64 extra threads and releasing them fills it. Each round's namespace then takes
        // one thread and a spare namespace gives one back, so the round's own thread ends on disposal.
        const int Rounds = 100;
        var fill = new List<NetworkNamespace>();
        var spares = new Queue<NetworkNamespace>();
        for (int i = 0; i < 64 + Rounds; i++)
        {
            NetworkNamespace ns = CreateMarked("adv-lazy-full-pool");
            ns.Run(() => { });
            if (i < 64)
            {
                fill.Add(ns);
            }
            else
            {
                spares.Enqueue(ns);
            }
        }

        fill.ForEach(ns => ns.Dispose());
        List<string> wrong = RaceWithDispose(
            Rounds,
            unshareCaller: fromForeignThread,
            round =>
            {
                NetworkNamespace ns = CreateMarked("adv-lazy-full-pool");
                ns.Run(() => { });
                spares.Dequeue().Dispose();
                return ns;
            },
            ns =>
            {
                string ttl = fromForeignThread ? ns.ReadSysctl(TtlSysctl) : ns.Run(() => ns.ReadSysctl(TtlSysctl));
                return ttl == MarkedTtl ? null : $"read TTL {ttl}";
            });

        Assert.Empty(wrong);
    }

    [Fact]
    public void WriteSysctl_FromHostThreadRacingDispose_HostUnchanged()
    {
        string hostTtl = HostView.ReadSysctl("/proc/sys/net/ipv4/ip_default_ttl");

        List<string> wrong = RaceWithDispose(
            400,
            unshareCaller: false,
            round =>
            {
                NetworkNamespace ns = CreateMarked("adv-lazy-write-race");
                if (round % 2 == 0)
                {
                    ns.Run(() => { });
                }

                return ns;
            },
            ns =>
            {
                ns.WriteSysctl(TtlSysctl, "99");
                return null;
            });

        Assert.Empty(wrong);
        Assert.Equal(hostTtl, HostView.ReadSysctl("/proc/sys/net/ipv4/ip_default_ttl"));
    }

    [Fact]
    public async Task DisposeInsideRun_OtherNamespaceCallsActThere()
    {
        NetworkNamespace disposed = NetworkNamespace.Create("adv-lazy-self-disposed");
        ulong disposedInode = disposed.Inode;
        using NetworkNamespace target = CreateMarked("adv-lazy-after-self-dispose");

        // The disposed namespace's fd is closed, so its thread can no longer come back to it with
        // setns and must hand the calls to the target's thread.
        (string ttl, int port, ulong inode) = await Task.Run(() => disposed.Run(() =>
        {
            disposed.Dispose();
            using Socket socket = BindUdp(target, s_targetAddress);
            return (target.ReadSysctl(TtlSysctl), ((IPEndPoint)socket.LocalEndPoint!).Port, NamespaceThreads.GetCurrentThreadInode());
        })).WaitAsync(s_timeout);

        Assert.Equal(MarkedTtl, ttl);
        Assert.NotEqual(0, port);
        Assert.Equal(disposedInode, inode);
        Assert.True(await DisposalRaceTests.WaitUntilNoThreadsInAsync(disposedInode));
    }

    [Fact]
    public async Task CreateSocket_AfterDisposeFromInside_NamesNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-lazy-socket-self-disposed");

        Exception? error = await Task.Run(() => ns.Run(() =>
        {
            ns.Dispose();
            return Record.Exception(() => ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        })).WaitAsync(s_timeout);

        var disposed = Assert.IsType<ObjectDisposedException>(error);
        Assert.Contains("adv-lazy-socket-self-disposed", disposed.Message);
    }

    [Fact]
    public async Task Create_InsideRunAsyncBody_CallerStaysInNamespace()
    {
        using NetworkNamespace creator = NetworkNamespace.Create("adv-lazy-creator");
        var created = new List<NetworkNamespace>();
        try
        {
            ulong[] inodes = await creator.RunAsync(async () =>
            {
                ulong before = NamespaceThreads.GetCurrentThreadInode();
                created.Add(CreateMarked("adv-lazy-inner-sync"));
                ulong afterCreate = NamespaceThreads.GetCurrentThreadInode();
                created.Add(await NetworkNamespace.CreateAsync("adv-lazy-inner-async", s_markedTtl));
                ulong afterCreateAsync = NamespaceThreads.GetCurrentThreadInode();

                // Task.Run from a body runs on a pool thread moved into the creator's namespace.
                (NetworkNamespace fromPool, ulong poolBefore, ulong poolAfter) = await Task.Run(() =>
                {
                    ulong start = NamespaceThreads.GetCurrentThreadInode();
                    NetworkNamespace ns = CreateMarked("adv-lazy-inner-pool");
                    return (ns, start, NamespaceThreads.GetCurrentThreadInode());
                });
                created.Add(fromPool);
                return new[] { before, afterCreate, afterCreateAsync, poolBefore, poolAfter };
            }).WaitAsync(s_timeout);

            Assert.All(inodes, inode => Assert.Equal(creator.Inode, inode));
            Assert.Equal(5, created.Select(ns => ns.Inode).Append(creator.Inode).Append(HostNamespace.Inode).Distinct().Count());
            Assert.All(created, ns => Assert.Equal(MarkedTtl, ns.ReadSysctl(TtlSysctl)));
            Assert.All(created, ns => Assert.True(IsLoopbackUp(ns), $"lo is down in {ns}."));
            Assert.NotEqual(MarkedTtl, creator.ReadSysctl(TtlSysctl));
            Assert.True(HostNamespace.IsCurrentThreadInHost);
        }
        finally
        {
            created.ForEach(ns => ns.Dispose());
        }
    }

    [Fact]
    public async Task Create_FromThreadInOwnNamespace_ThreadStaysThere()
    {
        (ulong before, ulong after, NetworkNamespace created) = await RunOnNewThreadAsync(() =>
        {
            ulong start = NamespaceThreads.GetCurrentThreadInode();
            NetworkNamespace ns = CreateMarked("adv-lazy-from-own");
            return (start, NamespaceThreads.GetCurrentThreadInode(), ns);
        }, unshare: true).WaitAsync(s_timeout);
        using NetworkNamespace ns = created;

        Assert.NotEqual(HostNamespace.Inode, before);
        Assert.Equal(before, after);
        Assert.NotEqual(before, ns.Inode);
        Assert.Equal(MarkedTtl, ns.ReadSysctl(TtlSysctl));
    }

    [Theory]
    [InlineData("net.ipv4.no_such_setting", "1", "No such file or directory (ENOENT).")]
    [InlineData(TtlSysctl, "banana", "Invalid argument (EINVAL).")]
    public async Task Create_InvalidSysctl_ThrowsAndCallerStaysPut(string sysctl, string value, string reason)
    {
        var options = new NamespaceOptions { Sysctls = new Dictionary<string, string> { [sysctl] = value } };
        string expected = $"Writing sysctl '{sysctl}' = '{value}' in namespace 'adv-lazy-bad-sysctl' failed: {reason}";
        using NetworkNamespace body = NetworkNamespace.Create("adv-lazy-bad-sysctl-body");

        (Exception? fromHost, ulong hostAfter) = await RunOnNewThreadAsync(
            () => (Record.Exception(() => NetworkNamespace.Create("adv-lazy-bad-sysctl", options)), NamespaceThreads.GetCurrentThreadInode()),
            unshare: false).WaitAsync(s_timeout);
        (Exception? fromBody, ulong bodyAfter) = await body.RunAsync(
            () => Task.FromResult((Record.Exception(() => NetworkNamespace.Create("adv-lazy-bad-sysctl", options)), NamespaceThreads.GetCurrentThreadInode())))
            .WaitAsync(s_timeout);

        Assert.Equal(expected, Assert.IsType<NetworkNamespaceException>(fromHost).Message);
        Assert.Equal(expected, Assert.IsType<NetworkNamespaceException>(fromBody).Message);
        Assert.Equal(HostNamespace.Inode, hostAfter);
        Assert.Equal(body.Inode, bodyAfter);
    }

    [Theory]
    [InlineData("kernel.hostname", "x", "'kernel.hostname' is not a net sysctl; only names under net., such as net.ipv4.ip_forward, belong to a network namespace.")]
    [InlineData(TtlSysctl, "", $"the value of '{TtlSysctl}' is empty; give the value to write, because the kernel ignores an empty write.")]
    public void Create_UnusableSysctlOption_ThrowsBeforeCreating(string sysctl, string value, string reason)
    {
        var options = new NamespaceOptions { Sysctls = new Dictionary<string, string> { [sysctl] = value } };

        var exception = Assert.Throws<ArgumentException>(() => NetworkNamespace.Create("adv-lazy-unusable-sysctl", options));

        Assert.Equal($"NamespaceOptions.Sysctls of namespace 'adv-lazy-unusable-sysctl': {reason} (Parameter 'options')", exception.Message);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    private static NetworkNamespace CreateMarked(string name)
    {
        NetworkNamespace ns = NetworkNamespace.Create(name, s_markedTtl);
        ns.Netlink.AddAddress("lo", InterfaceAddress.Parse($"{s_targetAddress}/32"));
        return ns;
    }

    private static CallTrace CallRepeatedly(NetworkNamespace target)
    {
        var trace = new CallTrace(NamespaceThreads.GetCurrentThreadInode());
        for (int round = 0; round < 3; round++)
        {
            using Socket socket = BindUdp(target, s_targetAddress);
            trace.Inodes.Add(NamespaceThreads.GetCurrentThreadInode());
            trace.UdpChecks.Add(target.ReadProcNetFile("udp").Contains(ProcNetEntry((IPEndPoint)socket.LocalEndPoint!)));
            trace.Inodes.Add(NamespaceThreads.GetCurrentThreadInode());
            trace.TtlsRead.Add(target.ReadSysctl(TtlSysctl));
            trace.Inodes.Add(NamespaceThreads.GetCurrentThreadInode());
            target.WriteSysctl(TtlSysctl, $"{80 + round}");
            trace.Inodes.Add(NamespaceThreads.GetCurrentThreadInode());
            trace.TtlsWritten.Add(target.ReadSysctl(TtlSysctl));
            trace.Inodes.Add(NamespaceThreads.GetCurrentThreadInode());
        }

        return trace;
    }

    private static string? CheckInsideCall(InsideCall call, NetworkNamespace ns, Dictionary<NetworkNamespace, Socket> markers)
    {
        switch (call)
        {
            case InsideCall.CreateSocket:
                using (Socket socket = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
                {
                    // A socket keeps its namespace, and the address on its lo, alive after disposal.
                    SocketError bound = TryBind(socket, s_targetAddress);
                    return bound == SocketError.Success ? null : $"socket made outside the namespace: bind returned {bound}";
                }

            case InsideCall.ReadSysctl:
                string ttl = ns.ReadSysctl(TtlSysctl);
                return ttl == MarkedTtl ? null : $"read TTL {ttl}";

            case InsideCall.WriteSysctl:
                ns.WriteSysctl(TtlSysctl, MarkedTtl);
                return null;

            default:
                Socket marker;
                lock (markers)
                {
                    marker = markers[ns];
                }

                string udp = ns.ReadProcNetFile("udp");
                return udp.Contains(ProcNetEntry((IPEndPoint)marker.LocalEndPoint!)) ? null : "read another namespace's /proc/net/udp";
        }
    }

    /// <summary>
    /// Creates a namespace per round and calls <paramref name="call"/> on one dedicated thread
    /// while another disposes the namespace, the disposal shifted by 0 to 8 µs across rounds to
    /// sweep the window between the call's disposed check and its work. Returns every round whose
    /// call neither acted inside the namespace nor threw <see cref="ObjectDisposedException"/>,
    /// or that left the calling thread somewhere else.
    /// </summary>
    private static List<string> RaceWithDispose(
        int rounds,
        bool unshareCaller,
        Func<int, NetworkNamespace> create,
        Func<NetworkNamespace, string?> call)
    {
        var namespaces = new NetworkNamespace[rounds];
        var wrong = new List<string>();
        long startAt = 0;
        using var step = new Barrier(2);

        Task caller = RunOnNewThreadAsync(() =>
        {
            ulong home = NamespaceThreads.GetCurrentThreadInode();
            for (int round = 0; round < rounds; round++)
            {
                step.SignalAndWait();
                SpinUntil(Volatile.Read(ref startAt));
                try
                {
                    if (call(namespaces[round]) is { } problem)
                    {
                        wrong.Add($"round {round}: {problem}");
                    }
                }
                catch (ObjectDisposedException)
                {
                }
                catch (Exception e)
                {
                    wrong.Add($"round {round}: {e.GetType().Name}: {e.Message}");
                }

                ulong after = NamespaceThreads.GetCurrentThreadInode();
                if (after != home)
                {
                    wrong.Add($"round {round}: the caller moved from namespace {home} to {after}");
                }

                step.SignalAndWait();
            }

            return true;
        }, unshareCaller);
        Task disposer = RunOnNewThreadAsync(() =>
        {
            for (int round = 0; round < rounds; round++)
            {
                try
                {
                    namespaces[round] = create(round);
                }
                catch
                {
                    // The caller would otherwise wait at the barrier for this thread forever.
                    step.RemoveParticipant();
                    throw;
                }

                Volatile.Write(ref startAt, Stopwatch.GetTimestamp() + 100_000);
                step.SignalAndWait();
                SpinUntil(startAt + round % 80 * 100);
                namespaces[round].Dispose();
                step.SignalAndWait();
            }

            return true;
        }, unshare: false);

        Task.WhenAll(caller, disposer).WaitAsync(s_timeout * 2).GetAwaiter().GetResult();
        return wrong;
    }

    private static void SpinUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
        }
    }

    private static Task<T> RunFromAsync<T>(Caller caller, NetworkNamespace other, Func<T> func) => caller switch
    {
        Caller.HostThread => RunOnNewThreadAsync(func, unshare: false),
        Caller.PoolThread => Task.Run(func),
        Caller.OtherNamespaceThread => other.RunAsync(() => Task.FromResult(func())),
        Caller.PoolThreadInOtherNamespace => other.RunAsync(() => Task.Run(func)),
        _ => RunOnNewThreadAsync(func, unshare: true),
    };

    /// <summary>
    /// Runs <paramref name="func"/> on a new thread, optionally after moving that thread into a
    /// namespace of its own that the library does not know; the thread ends afterwards.
    /// </summary>
    private static Task<T> RunOnNewThreadAsync<T>(Func<T> func, bool unshare)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (unshare && Tmds.Linux.LibC.unshare(Tmds.Linux.LibC.CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"unshare(CLONE_NEWNET) failed with errno {Tmds.Linux.LibC.errno}.");
                }

                completion.SetResult(func());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
        };
        thread.UnsafeStart();
        return completion.Task;
    }

    private static (int ThreadId, ulong Inode) ObserveThread() =>
        (Environment.CurrentManagedThreadId, NamespaceThreads.GetCurrentThreadInode());

    private static Socket BindUdp(NetworkNamespace ns, IPAddress address)
    {
        Socket socket = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static SocketError TryBind(Socket socket, IPAddress address)
    {
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    // /proc/net/udp prints an IPv4 address as the hex of its network-order bytes read as a
    // little-endian word, and the port in hex.
    private static string ProcNetEntry(IPEndPoint endPoint) =>
        $"{BitConverter.ToUInt32(endPoint.Address.GetAddressBytes()):X8}:{endPoint.Port:X4}";

    private static bool IsLoopbackUp(NetworkNamespace ns) => (ns.Netlink.GetLink("lo")!.Flags & 1) != 0;

    private sealed record CallTrace(ulong Before)
    {
        public List<ulong> Inodes { get; } = [];

        public List<string> TtlsRead { get; } = [];

        public List<string> TtlsWritten { get; } = [];

        public List<bool> UdpChecks { get; } = [];
    }
}
