using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

public sealed class TimeoutTests
{
    private const string TimeoutPattern =
        @"^The test body did not finish within 300 ms; it was abandoned in namespace 'ns1' \(thread \d+\), " +
        @"and the topology was torn down\.$";

    [Fact]
    public async Task HungBodies_FailAndTopologyIsRemoved()
    {
        Recorder.Clear("timeout/");
        FixtureRun run;
        try
        {
            run = await FixtureRunner.RunAsync(typeof(HangingBodies));
        }
        finally
        {
            HangingBodies.Release.Release(2);
        }

        foreach (string test in new[] { "SyncBody", "AsyncBody" })
        {
            Assert.Equal("Failed", run[test].Outcome);
            Assert.Equal("System.TimeoutException", run[test].ExceptionType);
            Assert.Matches(TimeoutPattern, run[test].Message);
        }

        FixtureAssert.Passed(run["QuickBody"]);
        IReadOnlyList<object> topologies = Recorder.Get("timeout/topology");
        Assert.Equal(2, topologies.Count);
        Assert.All(topologies.Cast<Topology>().SelectMany(t => t.Namespaces.Values), ns => Assert.True(ns.IsDisposed));
    }
}
