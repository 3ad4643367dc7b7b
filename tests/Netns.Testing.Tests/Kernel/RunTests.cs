using System.Runtime.CompilerServices;

namespace Netns.Testing.Tests.Kernel;

public class RunTests
{
    [Fact]
    public void Run_ReturnsResult()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-result");

        int result = ns.Run(() => 6 * 7);

        Assert.Equal(42, result);
    }

    [Fact]
    public void Run_ThreadIsInNamespace()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-inode");

        ulong inode = ns.Run(NamespaceThreads.GetCurrentThreadInode);

        Assert.Equal(ns.Inode, inode);
        Assert.NotEqual(HostNamespace.Inode, inode);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    [Fact]
    public async Task FirstRunRightAfterCreate_RunsInsideNamespace()
    {
        // A namespace gets its thread on the first run; the thread must enter before any code runs.
        for (int i = 0; i < 100; i++)
        {
            using NetworkNamespace first = NetworkNamespace.Create("run-first-async");
            using NetworkNamespace second = NetworkNamespace.Create("run-first-sync");

            ulong asyncInode = await first.RunAsync(() => Task.FromResult(NamespaceThreads.GetCurrentThreadInode()));
            ulong syncInode = second.Run(NamespaceThreads.GetCurrentThreadInode);

            Assert.Equal(first.Inode, asyncInode);
            Assert.Equal(second.Inode, syncInode);
        }
    }

    [Fact]
    public void Run_ExceptionKeepsStackTrace()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-throw");

        var exception = Assert.Throws<InvalidOperationException>(() => ns.Run(ThrowFromNamespace));

        Assert.Equal("thrown in the namespace", exception.Message);
        Assert.Contains(nameof(ThrowFromNamespace), exception.StackTrace);
    }

    [Fact]
    public async Task RunAsync_ExceptionKeepsStackTrace()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-async-throw");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => ns.RunAsync(ThrowAfterAwaitAsync));

        Assert.Equal("thrown after an await", exception.Message);
        Assert.Contains(nameof(ThrowAfterAwaitAsync), exception.StackTrace);
    }

    [Fact]
    public async Task RunAsync_AwaitsResumeOnSameThread()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-await");

        (int Before, int AfterYield, int AfterDelay, ulong Inode) seen = await ns.RunAsync(async () =>
        {
            int before = Environment.CurrentManagedThreadId;
            await Task.Yield();
            int afterYield = Environment.CurrentManagedThreadId;
            await Task.Delay(5);
            return (before, afterYield, Environment.CurrentManagedThreadId, NamespaceThreads.GetCurrentThreadInode());
        });

        Assert.Equal(seen.Before, seen.AfterYield);
        Assert.Equal(seen.Before, seen.AfterDelay);
        Assert.Equal(ns.Inode, seen.Inode);
    }

    [Fact]
    public async Task RunAsync_TaskRunInsideRunsInNamespace()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-pool");

        (ulong Pool, ulong AfterConfigureAwait) seen = await ns.RunAsync(async () =>
        {
            ulong pool = await Task.Run(NamespaceThreads.GetCurrentThreadInode);
            await Task.Delay(1).ConfigureAwait(false);
            return (pool, NamespaceThreads.GetCurrentThreadInode());
        });

        Assert.Equal(ns.Inode, seen.Pool);
        Assert.Equal(ns.Inode, seen.AfterConfigureAwait);
    }

    [Fact]
    public void Run_Reentrant_RunsInline()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-reentrant");

        (int Outer, int Inner, ulong Inode) seen = ns.Run(() =>
        {
            int outer = Environment.CurrentManagedThreadId;
            return ns.Run(() => (outer, Environment.CurrentManagedThreadId, NamespaceThreads.GetCurrentThreadInode()));
        });

        Assert.Equal(seen.Outer, seen.Inner);
        Assert.Equal(ns.Inode, seen.Inode);
    }

    [Fact]
    public void Run_OtherNamespaceFromInside_RunsThere()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("ns1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("ns2");

        (ulong Outer, ulong Inner) seen = ns1.Run(() =>
            (NamespaceThreads.GetCurrentThreadInode(), ns2.Run(NamespaceThreads.GetCurrentThreadInode)));

        Assert.Equal(ns1.Inode, seen.Outer);
        Assert.Equal(ns2.Inode, seen.Inner);
    }

    [Fact]
    public void HostNamespaceRun_FromNamespace_RunsInHost()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("to-host");

        ulong inode = ns.Run(() => HostNamespace.Run(NamespaceThreads.GetCurrentThreadInode));

        Assert.Equal(HostNamespace.Inode, inode);
    }

    [Fact]
    public async Task CreateAsync_CallerContinuesInHost()
    {
        using NetworkNamespace ns = await NetworkNamespace.CreateAsync("create-async");

        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    [Fact]
    public async Task RunAsync_CallerContinuesInHost()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("run-async-return");

        await ns.RunAsync(() => Task.Delay(1));
        bool afterAwait = HostNamespace.IsCurrentThreadInHost;
        await ns.RunAsync(() => Task.CompletedTask);

        Assert.True(afterAwait);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
    }

    [Fact]
    public void Run_AfterDispose_Throws()
    {
        NetworkNamespace ns = NetworkNamespace.Create("disposed");
        ns.Dispose();

        Assert.True(ns.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => ns.Run(() => 1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromNamespace() => throw new InvalidOperationException("thrown in the namespace");

    private static async Task ThrowAfterAwaitAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("thrown after an await");
    }
}
