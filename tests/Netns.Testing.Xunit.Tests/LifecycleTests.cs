using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Lifecycle_RunsInHostBodyInNamespace()
    {
        Recorder.Clear("lifecycle/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(Lifecycle));

        FixtureAssert.Passed(Assert.Single(run.Results));
        foreach (string step in new[] { "class-fixture", "constructor", "initialize", "dispose-async", "dispose" })
        {
            ulong inode = (ulong)Assert.Single(Recorder.Get($"lifecycle/{step}"));
            Assert.True(inode == HostNamespace.Inode, $"The {step} step ran in namespace {inode}, not the host's.");
        }

        ulong body = (ulong)Assert.Single(Recorder.Get("lifecycle/body"));
        Assert.NotEqual(HostNamespace.Inode, body);
        Assert.Equal((ulong)Assert.Single(Recorder.Get("lifecycle/namespace")), body);
    }

    [Fact]
    public async Task Output_HoldsSetupBodyAndTeardownLines()
    {
        FixtureRun run = await FixtureRunner.RunAsync(typeof(Lifecycle));

        string[] lines = Assert.Single(run.Results).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 3, string.Join("\n", lines));
        Assert.Matches(@"^\[netns\] Topology up in \d+\.\d\d ms: ns1$", lines[0]);
        Assert.Equal("written by the body", lines[1]);
        Assert.Matches(@"^\[netns\] Topology down in \d+\.\d\d ms: ns1$", lines[2]);
    }

    [Fact]
    public async Task OutputWithoutHelper_StillHoldsTopologyLines()
    {
        FixtureRun run = await FixtureRunner.RunAsync(typeof(WithoutOutputHelper));

        string[] lines = Assert.Single(run.Results).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[netns] Topology up in ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[netns] Topology down in ", lines[1], StringComparison.Ordinal);
    }
}
