using Netns.Testing.Tests.Support;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

[Collection(KernelCountersCollection.Name)]
public class ManyNamespacesTests
{
    private const int Count = 100;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HundredAlive_AllDisposed_NoThreadLeft()
    {
        NetworkNamespace[] namespaces = await Task.WhenAll(
            Enumerable.Range(0, Count).Select(i => NetworkNamespace.CreateAsync($"adv-many-{i}"))).WaitAsync(s_timeout);
        ulong[] inodes = namespaces.Select(n => n.Inode).ToArray();

        ulong[] seen = await Task.WhenAll(namespaces.Select(ns => ns.RunAsync(async () =>
        {
            await Task.Yield();
            return await Task.Run(NamespaceThreads.GetCurrentThreadInode);
        }))).WaitAsync(s_timeout);
        await Task.WhenAll(namespaces.Select(ns => ns.DisposeAsync().AsTask())).WaitAsync(s_timeout);
        NamespaceThreads.RestoreThreadPoolThreads(TimeSpan.FromSeconds(5));
        var left = NamespaceThreads.FindThreadsOutsideHost().Where(t => inodes.Contains(t.Inode)).ToList();

        Assert.Equal(inodes, seen);
        Assert.Equal(Count, inodes.Distinct().Count());
        Assert.Empty(left);
    }

    [Fact]
    public async Task HundredCreatedAndDisposed_ThreadsStayBounded()
    {
        int before = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        for (int round = 0; round < 3; round++)
        {
            NetworkNamespace[] namespaces = await Task.WhenAll(
                Enumerable.Range(0, Count).Select(i => NetworkNamespace.CreateAsync($"adv-bounded-{i}"))).WaitAsync(s_timeout);
            foreach (NetworkNamespace ns in namespaces)
            {
                ns.Dispose();
            }
        }

        // Idle namespace threads are kept up to a fixed pool size and the rest end soon after disposal.
        int after = int.MaxValue;
        for (int i = 0; i < 100 && after - before > 80; i++)
        {
            await Task.Delay(50);
            after = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        }

        Assert.True(after - before <= 80, $"{after - before} threads more than before");
    }

    [Fact]
    public async Task CreateAsyncCanceled_LeavesNoThread()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        int before = CountWorkerThreads();

        for (int i = 0; i < Count; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => NetworkNamespace.CreateAsync("adv-create-canceled", cancellationToken: source.Token).WaitAsync(s_timeout));
        }

        Assert.True(CountWorkerThreads() - before < 10, "each canceled creation left a namespace thread behind");
    }

    private static int CountWorkerThreads() => Directory.EnumerateDirectories("/proc/self/task").Count(IsWorkerThread);

    // A thread can end between listing the tasks and reading its name.
    private static bool IsWorkerThread(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).StartsWith("netns worker", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
