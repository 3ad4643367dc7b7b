namespace Netns.Testing.Tests.Kernel;

// RestoreThreadPoolThreads waits for pool threads that parallel tests may hold, so these tests
// run alone.
[Collection(NamespaceAccountingCollection.Name)]
public class NamespaceThreadTests
{
    [Fact]
    public async Task Dispose_LeavesNoThreadInNamespace()
    {
        NetworkNamespace ns = NetworkNamespace.Create("no-threads");
        await ns.RunAsync(async () => await Task.Run(() => Thread.Sleep(1)));

        ns.Dispose();
        NamespaceThreads.RestoreThreadPoolThreads(TimeSpan.FromSeconds(2));

        Assert.Empty(NamespaceThreads.FindThreadsIn([ns]));
        Assert.DoesNotContain(NamespaceThreads.FindThreadsOutsideHost(), t => t.Inode == ns.Inode);
    }

    [Fact]
    public async Task PoolThreadsStartedInNamespace_EndInHost()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("pool-born");

        // Many blocking items from inside the namespace make the pool start threads there.
        await ns.RunAsync(async () =>
        {
            Task[] items = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Thread.Sleep(20))).ToArray();
            await Task.WhenAll(items);
        });
        NamespaceThreads.RestoreThreadPoolThreads(TimeSpan.FromSeconds(2));

        Assert.Empty(NamespaceThreads.FindThreadsIn([ns]));
    }
}
