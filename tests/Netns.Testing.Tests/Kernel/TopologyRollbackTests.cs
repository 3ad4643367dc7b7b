using Netns.Testing.Netlink;
using Netns.Testing.Tests.Support;

namespace Netns.Testing.Tests.Kernel;

[Collection(NamespaceAccountingCollection.Name)]
public class TopologyRollbackTests
{
    private const int NamespaceCreatedEventId = 3;

    [Fact]
    public async Task FailedRoute_RemovesEverything()
    {
        // The gateway is on no attached network, so the kernel rejects the route after both
        // namespaces, the veth pair and the addresses exist.
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("rollback1", body: true)
            .AddNamespace("rollback2")
            .AddVeth("rollback1", "eth0", "198.18.0.1/24", "rollback2", "eth0", "198.18.0.2/24")
            .AddRoute("rollback1", "198.18.2.0/24", gateway: "198.19.9.9")
            .ToSpec();
        int baseline = NamespaceCounter.CountSettled();
        var logger = new CapturingLogger();
        Microsoft.Extensions.Logging.ILogger previous = NamespaceLog.Logger;
        NamespaceLog.Logger = logger;
        TopologyBuildException exception;
        try
        {
            exception = await Assert.ThrowsAsync<TopologyBuildException>(() => Topology.BuildAsync(spec));
        }
        finally
        {
            NamespaceLog.Logger = previous;
        }

        ulong[] created = logger.Entries
            .Where(e => e.EventId.Id == NamespaceCreatedEventId && e.Values["Name"] is "rollback1" or "rollback2")
            .Select(e => (ulong)e.Values["Inode"]!)
            .ToArray();
        var netlink = Assert.IsType<NetlinkException>(exception.InnerException);
        Assert.Equal("Adding route 198.18.2.0/24 via 198.19.9.9 in namespace 'rollback1'", exception.Step);
        Assert.StartsWith(
            "Building the network topology failed at step " +
            "'Adding route 198.18.2.0/24 via 198.19.9.9 in namespace 'rollback1'', " +
            "and everything built before it was removed: Adding route 198.18.2.0/24 via 198.19.9.9 in namespace 'rollback1' " +
            "failed: Network is unreachable (ENETUNREACH).",
            exception.Message);
        Assert.Equal("ENETUNREACH", netlink.ErrnoName);
        Assert.Equal(2, created.Length);
        Assert.True(HostNamespace.IsCurrentThreadInHost);
        Assert.DoesNotContain(NamespaceThreads.FindThreadsOutsideHost(), t => created.Contains(t.Inode));
        Assert.Empty(FindOwnFdsOn(created));
        Assert.InRange(NamespaceCounter.WaitForAtMost(baseline, TimeSpan.FromSeconds(10)), 0, baseline);
    }

    private static string[] FindOwnFdsOn(ulong[] inodes)
    {
        var targets = inodes.Select(i => $"net:[{i}]").ToHashSet();
        var found = new List<string>();
        foreach (string fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target = new FileInfo(fd).LinkTarget;
            if (target is not null && targets.Contains(target))
            {
                found.Add($"{fd} -> {target}");
            }
        }

        return [.. found];
    }
}
