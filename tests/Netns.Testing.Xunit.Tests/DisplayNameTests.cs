using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

public sealed class DisplayNameTests
{
    private const string Prefix = "Netns.Testing.Xunit.Tests.Fixtures.NamedTests.";

    [Fact]
    public async Task SuppliedParameters_AreLeftOutOfNames()
    {
        Recorder.Clear("names/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(NamedTests));

        Assert.All(run.Results, FixtureAssert.Passed);
        Assert.Equal(
            [
                Prefix + "Fact",
                Prefix + "InlineRow(value: 1)",
                Prefix + "LateRow(address: 198.18.0.1)",
                Prefix + "LateRow(address: 198.18.0.2)",
            ],
            run.Results.Select(r => r.DisplayName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RowsEnumeratedAtRun_RunInNamespace()
    {
        Recorder.Clear("names/");

        FixtureRun run = await FixtureRunner.RunAsync(typeof(NamedTests));

        Assert.All(run.Results, FixtureAssert.Passed);
        Assert.Equal(2, Recorder.Get("names/late").Count);
        Assert.All(Recorder.Get("names/late"), inode => Assert.NotEqual(HostNamespace.Inode, (ulong)inode));
    }
}
