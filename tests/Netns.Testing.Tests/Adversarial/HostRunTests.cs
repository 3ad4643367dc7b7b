using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class HostRunTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HostRunWaitingOnRunAsync_NoDeadlock()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-host-wait");

        Task<ulong> run = Task.Run(() => HostNamespace.Run(
            () => ns.RunAsync(() => Task.FromResult(NamespaceThreads.GetCurrentThreadInode())).GetAwaiter().GetResult()));

        Assert.Equal(ns.Inode, await run.WaitAsync(s_timeout));
    }

    [Fact]
    public async Task HostRunCreatingNamespace_NoDeadlock()
    {
        Task<ulong> run = Task.Run(() => HostNamespace.Run(() =>
        {
            using NetworkNamespace ns = NetworkNamespace.CreateAsync("adv-host-create").GetAwaiter().GetResult();
            return ns.Inode;
        }));

        Assert.NotEqual(HostNamespace.Inode, await run.WaitAsync(s_timeout));
    }

    [Fact]
    public async Task BodyThroughHostBackToBody_ThrowsInsteadOfHanging()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-host-cycle");

        Task<int> run = Task.Run(() => ns.Run(() => HostNamespace.Run(() => ns.Run(() => 1))));

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(s_timeout));
    }
}
