using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

[NetNamespace("ns1", Body = true)]
[NetNamespace("ns2")]
[VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
internal sealed class ParallelRows
{
    public const int RowCount = 32;

    // Every row waits here until all rows run, so all topologies are alive at once.
    public static readonly CountdownEvent AllStarted = new(RowCount);

    public static TheoryData<int> Rows
    {
        get
        {
            var rows = new TheoryData<int>();
            for (int i = 0; i < RowCount; i++)
            {
                rows.Add(i);
            }

            return rows;
        }
    }

    [NetTheory(ParallelRows = true)]
    [MemberData(nameof(Rows))]
    public void Row(int row, NetworkNamespace ns1 = null!)
    {
        string links = string.Join(",", ns1.Netlink.GetLinks().Select(l => l.Name).Order(StringComparer.Ordinal));
        Recorder.Add("parallel/rows", (row, NamespaceThreads.GetCurrentThreadInode(), ns1.Inode, links));
        AllStarted.Signal();
        Assert.True(AllStarted.Wait(TimeSpan.FromSeconds(60)), $"{AllStarted.CurrentCount} rows had not started");
    }
}
