using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class DisposalRaceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DisposeWhileBodyAwaits_CallerGetsObjectDisposed()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-awaiting");
        ulong inode = ns.Inode;
        using var entered = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task body = ns.RunAsync(async () =>
        {
            entered.Release();
            await release.Task;
        });
        await entered.WaitAsync(s_timeout);
        await Task.Run(ns.Dispose).WaitAsync(s_timeout);
        release.SetResult();

        var exception = await Assert.ThrowsAsync<ObjectDisposedException>(() => body.WaitAsync(s_timeout));
        Assert.Contains("adv-dispose-awaiting", exception.Message);
        Assert.Empty(ThreadsIn(inode));
    }

    [Fact]
    public async Task DisposeWhileBodyAwaits_RestOfBodyNeverRunsInHost()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-rest");
        using var entered = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong after = 0;

        Task body = ns.RunAsync(async () =>
        {
            entered.Release();
            await release.Task;
            after = NamespaceThreads.GetCurrentThreadInode();
        });
        await entered.WaitAsync(s_timeout);
        await Task.Run(ns.Dispose).WaitAsync(s_timeout);
        release.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => body.WaitAsync(s_timeout));

        Assert.NotEqual(HostNamespace.Inode, after);
    }

    [Fact]
    public async Task DisposeInsideOwnBody_NoDeadlockAndThreadLeaves()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-self");
        ulong inode = ns.Inode;

        await ns.RunAsync(() =>
        {
            ns.Dispose();
            return Task.CompletedTask;
        }).WaitAsync(s_timeout);

        Assert.True(ns.IsDisposed);
        Assert.True(await WaitUntilNoThreadsInAsync(inode));
    }

    [Fact]
    public async Task DisposeInsideOwnBodyThenAwait_CallerGetsObjectDisposed()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-self-await");
        ulong inode = ns.Inode;
        ulong after = 0;

        Task body = ns.RunAsync(async () =>
        {
            ns.Dispose();
            await Task.Yield();
            after = NamespaceThreads.GetCurrentThreadInode();
        });

        var exception = await Assert.ThrowsAsync<ObjectDisposedException>(() => body.WaitAsync(s_timeout));
        Assert.Contains("adv-dispose-self-await", exception.Message);
        Assert.NotEqual(HostNamespace.Inode, after);
        Assert.True(await WaitUntilNoThreadsInAsync(inode));
    }

    [Fact]
    public async Task StartProcessRacingDispose_LeavesNoProcessRunning()
    {
        // A fractional duration makes the children's command lines unique to this test.
        string duration = $"30.{Environment.ProcessId}{Environment.TickCount64 % 1000:D3}";
        for (int round = 0; round < 20; round++)
        {
            NetworkNamespace ns = NetworkNamespace.Create("adv-process-race");
            Task<System.Diagnostics.Process> starting = Task.Run(
                () => ns.StartProcess(new System.Diagnostics.ProcessStartInfo("sleep", duration)));

            // Disposal lands at a different point of the start each round, from before the fork to after it.
            Thread.Sleep(TimeSpan.FromMicroseconds(200 * round));
            await Task.Run(ns.Dispose).WaitAsync(s_timeout);

            Exception? error = await Record.ExceptionAsync(() => starting.WaitAsync(s_timeout));
            if (error is not null)
            {
                Assert.IsType<ObjectDisposedException>(error);
            }
        }

        Assert.Empty(ProcessesWithArgument(duration));
    }

    private static List<int> ProcessesWithArgument(string argument)
    {
        var found = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                string[] arguments = File.ReadAllText($"{directory}/cmdline").Split('\0');
                if (arguments.Contains(argument))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return found;
    }

    [Fact]
    public async Task DisposeConcurrentlyTwice_BothReturnAfterThreadLeft()
    {
        for (int i = 0; i < 10; i++)
        {
            NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-twice");
            ulong inode = ns.Inode;
            ns.Run(() => { });
            using var start = new Barrier(2);

            Task first = Task.Run(() =>
            {
                start.SignalAndWait();
                ns.Dispose();
                return ThreadsIn(inode).Count;
            });
            Task<int> second = Task.Run(() =>
            {
                start.SignalAndWait();
                ns.Dispose();
                return ThreadsIn(inode).Count;
            });
            await Task.WhenAll(first, second).WaitAsync(s_timeout);

            Assert.Equal(0, await second);
            Assert.Equal(0, await (Task<int>)first);
        }
    }

    [Fact]
    public async Task DisposeAsyncDuringDispose_ReturnsAfterThreadLeft()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-dispose-async-race");
        ulong inode = ns.Inode;
        using var entered = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The body blocks its thread, so the first disposal waits for it.
        Task body = ns.RunAsync(() =>
        {
            entered.Release();
            release.Task.Wait(s_timeout);
            return Task.CompletedTask;
        });
        await entered.WaitAsync(s_timeout);
        Task disposing = Task.Run(ns.Dispose);
        while (!ns.IsDisposed)
        {
            await Task.Delay(1);
        }

        Task second = ns.DisposeAsync().AsTask();
        await Task.Delay(50);
        bool secondDoneEarly = second.IsCompleted;
        release.SetResult();
        await Task.WhenAll(disposing, second).WaitAsync(s_timeout);
        await body.WaitAsync(s_timeout);

        Assert.False(secondDoneEarly);
        Assert.Empty(ThreadsIn(inode));
    }

    [Fact]
    public async Task TopologyDisposeWhileBodyAwaits_NoDeadlockAndNoThreadLeft()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("adv-topo-a", body: true).AddNamespace("adv-topo-b").ToSpec();
        Topology topology = await Topology.BuildAsync(spec);
        ulong[] inodes = topology.Namespaces.Values.Select(n => n.Inode).ToArray();
        using var entered = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task body = topology.RunBodyAsync(async () =>
        {
            entered.Release();
            await release.Task;
        });
        await entered.WaitAsync(s_timeout);
        await topology.DisposeAsync().AsTask().WaitAsync(s_timeout);
        release.SetResult();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => body.WaitAsync(s_timeout));
        Assert.Empty(FindThreadsIn(inodes));
    }

    [Fact]
    public async Task TopologyDisposeConcurrentlyTwice_BothReturnAfterThreadsLeft()
    {
        for (int i = 0; i < 5; i++)
        {
            TopologySpec spec = new TopologyBuilder().AddNamespace("adv-topo-twice", body: true).ToSpec();
            Topology topology = await Topology.BuildAsync(spec);
            ulong[] inodes = topology.Namespaces.Values.Select(n => n.Inode).ToArray();
            using var entered = new SemaphoreSlim(0);

            // A body blocking its thread keeps the first disposal waiting.
            Task body = topology.RunBodyAsync(() =>
            {
                entered.Release();
                Thread.Sleep(100);
                return Task.CompletedTask;
            });
            await entered.WaitAsync(s_timeout);
            Task first = Task.Run(topology.Dispose);
            await Task.Delay(10);
            await topology.DisposeAsync().AsTask().WaitAsync(s_timeout);
            int leftAfterSecond = FindThreadsIn(inodes).Count;
            await first.WaitAsync(s_timeout);
            await body.WaitAsync(s_timeout);

            Assert.Equal(0, leftAfterSecond);
        }
    }

    internal static IReadOnlyList<ThreadNamespaceInfo> ThreadsIn(ulong inode) =>
        NamespaceThreads.FindThreadsOutsideHost().Where(t => t.Inode == inode).ToList();

    internal static IReadOnlyList<ThreadNamespaceInfo> FindThreadsIn(IReadOnlyCollection<ulong> inodes) =>
        NamespaceThreads.FindThreadsOutsideHost().Where(t => inodes.Contains(t.Inode)).ToList();

    internal static async Task<bool> WaitUntilNoThreadsInAsync(ulong inode)
    {
        // A thread disposed from inside leaves after its running work item, just after the caller resumes.
        for (int i = 0; i < 200; i++)
        {
            if (ThreadsIn(inode).Count == 0)
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }
}
