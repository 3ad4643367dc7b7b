using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

public sealed class ParallelTests
{
    [Fact]
    public async Task ParallelRows_EachSeeOwnNamespace()
    {
        Recorder.Clear("parallel/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(ParallelRows), maxParallelThreads: ParallelRows.RowCount);

        Assert.Equal(ParallelRows.RowCount, run.Results.Count);
        Assert.All(run.Results, FixtureAssert.Passed);
        var rows = Recorder.Get("parallel/rows").Cast<(int Row, ulong ThreadInode, ulong Ns1Inode, string Links)>().ToList();
        Assert.Equal(ParallelRows.RowCount, rows.Select(r => r.Row).Distinct().Count());
        Assert.Equal(ParallelRows.RowCount, rows.Select(r => r.ThreadInode).Distinct().Count());
        Assert.DoesNotContain(HostNamespace.Inode, rows.Select(r => r.ThreadInode));
        Assert.All(rows, r => Assert.Equal(r.Ns1Inode, r.ThreadInode));
        Assert.All(rows, r => Assert.Equal("eth0,lo", r.Links));
    }
}
