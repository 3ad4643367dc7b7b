using Xunit;
using System.Collections.Concurrent;
using Netns.Testing.Tests.Support;

namespace Netns.Testing.Tests.Scenarios;

// Threads copy the namespaces of the thread that creates them, so work started from a body can
// leave threads behind in a test namespace. These run alone: they count the pool's threads.
[Collection(KernelCountersCollection.Name)]
public sealed class ThreadLeftInNamespaceTests
{
    [Fact]
    public async Task ThreadsStartedByBody_AreNamedAndHostWorkStaysInHost()
    {
        HostNamespace.EnsureInitialized();
        ThreadPool.GetMinThreads(out int minWorkers, out int minCompletion);
        IReadOnlyList<ThreadNamespaceInfo> left;
        ulong ns1Inode;
        try
        {
            // Test A: a body in ns1 queues blocking pool work, raises the pool minimum and
            // starts a thread that outlives it.
            using (Topology topology = await Topology.BuildAsync(new TopologyBuilder().AddNamespace("ns1").ToSpec()))
            {
                ns1Inode = topology["ns1"].Inode;
                await topology.RunBodyAsync(() =>
                {
                    ThreadPool.SetMinThreads(minWorkers + 16, minCompletion);
                    for (int i = 0; i < 64; i++)
                    {
                        _ = Task.Run(() => Thread.Sleep(300));
                    }

                    new Thread(() => Thread.Sleep(2000)) { Name = "outliving", IsBackground = true }.Start();
                    return Task.CompletedTask;
                });
                NamespaceThreads.RestoreThreadPoolThreads(TimeSpan.FromMilliseconds(200));
                left = NamespaceThreads.FindThreadsOutsideHost().Where(t => t.Inode == ns1Inode).ToList();
            }
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minCompletion);
        }

        // The after-test check names the thread the body started, with id, name and namespace.
        ThreadNamespaceInfo outliving = Assert.Single(left, t => t.Name == "outliving");
        Assert.Equal(ns1Inode, outliving.Inode);
        Assert.Contains($"thread {outliving.ThreadId} 'outliving'", outliving.ToString());

        // Test B, afterwards in the host namespace: pool work sees only the host.
        var seen = new ConcurrentDictionary<ulong, int>();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() =>
            seen.AddOrUpdate(NamespaceThreads.GetCurrentThreadInode(), 1, (_, n) => n + 1))));
        Assert.Equal([HostNamespace.Inode], seen.Keys);
    }

    [Fact]
    public void RuntimeThreads_StartedInHost()
    {
        HostNamespace.EnsureInitialized();
        Assert.DoesNotContain(NamespaceThreads.FindThreadsOutsideHost(), t => t.Name.StartsWith(".NET", StringComparison.Ordinal)
            && !t.Name.StartsWith(".NET TP Worker", StringComparison.Ordinal)
            && !t.Name.StartsWith(".NET Long Running", StringComparison.Ordinal));
    }
}
