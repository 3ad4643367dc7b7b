using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

public sealed class ScopeTests
{
    [Fact]
    public async Task ClassScope_SharesOneTopologyAndRemovesIt()
    {
        Recorder.Clear("scope/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(ClassScoped));

        Assert.Equal(4, run.Results.Count);
        Assert.All(run.Results, FixtureAssert.Passed);
        Assert.All(
            run.Results,
            r => Assert.StartsWith("[netns] Using the class topology, built in ", r.Output, StringComparison.Ordinal));
        Assert.Empty(run.CleanupFailures);
        Topology[] topologies = Recorder.Get("scope/topology").Cast<Topology>().ToArray();
        Assert.Equal(4, topologies.Length);
        Assert.All(topologies, t => Assert.Same(topologies[0], t));
        Assert.True(topologies[0]["ns1"].IsDisposed);
        Assert.Equal([1, 2], Recorder.Get("scope/rows").Cast<int>().Order());
    }

    [Fact]
    public async Task ClassScope_RejectsMethodDeclarations()
    {
        Recorder.Clear("scope/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(ClassScopedWithMethodDeclaration));

        FixtureResult result = Assert.Single(run.Results);
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "ClassScopedWithMethodDeclaration.Run declares [NetNamespace] on the method, but its class shares one topology " +
            "([NetTopologyScope(TopologyScope.Class)]) built from the class's declarations only. Move the declarations " +
            "to the class, or remove the class scope to build a topology for each test.",
            result.Message);
        Assert.Empty(Recorder.Get("scope/body"));
    }

    [Fact]
    public async Task ClassScopeHungBody_FailsLaterTests()
    {
        Recorder.Clear("scope/");
        FixtureRun run;
        try
        {
            run = await FixtureRunner.RunAsync(typeof(ClassScopedWithHangingBody));
        }
        finally
        {
            ClassScopedWithHangingBody.Release.Release();
        }

        FixtureAssert.Passed(run["A_RunsFirst"]);
        Assert.Equal("System.TimeoutException", run["B_Hangs"].ExceptionType);
        Assert.Equal("Failed", run["C_RunsAfterHang"].Outcome);
        Assert.Equal(
            "The class topology cannot run this test: the body of " +
            "Netns.Testing.Xunit.Tests.Fixtures.ClassScopedWithHangingBody.B_Hangs timed out and still runs on the " +
            "thread of its body namespace.",
            run["C_RunsAfterHang"].Message);
        Assert.Empty(Recorder.Get("scope/body"));
    }
}
