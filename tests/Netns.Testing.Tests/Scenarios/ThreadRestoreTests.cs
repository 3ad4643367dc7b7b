using Xunit;
using Tmds.Linux;

namespace Netns.Testing.Tests.Scenarios;

// A body that changes its thread's namespaces must not leave a poisoned thread for the next one.
public sealed class ThreadRestoreTests
{
    [Fact]
    public async Task BodyEntersThirdNamespace_FailsAndThreadEnds()
    {
        using NetworkNamespace third = NetworkNamespace.Create("third");
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        NetworkNamespace ns1 = topology["ns1"];
        int threadId = 0;

        NamespaceThreadException error = await Assert.ThrowsAsync<NamespaceThreadException>(() => topology.RunBodyAsync(() =>
        {
            threadId = Interop.Sys.GetCurrentThreadId();
            third.UseHandle(fd => Assert.Equal(0, LibC.setns(fd, LibC.CLONE_NEWNET)));
            return Task.CompletedTask;
        }));

        Assert.Contains($"its network namespace is {third.Inode}, expected {ns1.Inode} (ns1)", error.Message);
        Assert.Contains("the thread is ended and not reused", error.Message);

        // The namespace got a new thread, which is in ns1 and is a different OS thread.
        (ulong inode, int newThreadId) = ns1.Run(() => (NamespaceThreads.GetCurrentThreadInode(), Interop.Sys.GetCurrentThreadId()));
        Assert.Equal(ns1.Inode, inode);
        Assert.NotEqual(threadId, newThreadId);
        topology.Dispose();
        Assert.DoesNotContain(NamespaceThreads.FindThreadsOutsideHost(), t => t.ThreadId == threadId);
    }

    [Fact]
    public async Task BodyUnsharesMountNamespace_FailsWithDifference()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        ulong hostMount = Interop.Sys.ReadNamespaceInode($"/proc/self/task/{Environment.ProcessId}/ns/mnt");

        NamespaceThreadException error = await Assert.ThrowsAsync<NamespaceThreadException>(() => topology.RunBodyAsync(() =>
        {
            Assert.Equal(0, LibC.unshare(LibC.CLONE_NEWNS));
            return Task.CompletedTask;
        }));

        Assert.Contains($"expected {hostMount}", error.Message);
        Assert.Contains("its mount namespace is", error.Message);
        Assert.Equal(topology["ns1"].Inode, topology["ns1"].Run(NamespaceThreads.GetCurrentThreadInode));
    }

    [Fact]
    public async Task BodyFailure_KeepsOriginalStackTrace()
    {
        using Topology topology = await Topology.BuildAsync(TopologyFixtures.TwoNamespaces());
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => topology.RunBodyAsync(ThrowFromBodyAsync));
        Assert.Contains(nameof(ThrowFromBodyAsync), error.StackTrace);
    }

    private static async Task ThrowFromBodyAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("from the body");
    }
}
