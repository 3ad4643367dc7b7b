using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Tests;

public sealed class RegistrationTests
{
    private const string BodyKey = "registration/body";

    [Fact]
    public async Task PlainFactWithNamespace_FailsWithoutRunning()
    {
        Recorder.Clear(BodyKey);

        FixtureRun run = await FixtureRunner.RunAsync(typeof(PlainFactWithNamespace));

        FixtureResult result = run["Run"];
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("System.InvalidOperationException", result.ExceptionType);
        Assert.Equal(
            "PlainFactWithNamespace.Run declares [NetNamespace] but is a [Fact], which would run it in the host " +
            "network namespace. Use [NetFact] instead of [Fact] so its body runs inside the declared namespaces.",
            result.Message);
        Assert.Empty(Recorder.Get(BodyKey));
    }

    [Fact]
    public async Task ClassDeclarations_FailPlainFactAndTheory()
    {
        Recorder.Clear(BodyKey);

        FixtureRun run = await FixtureRunner.RunAsync(typeof(PlainTestsWithClassDeclarations));

        Assert.Equal(2, run.Results.Count);
        Assert.Equal(
            "PlainTestsWithClassDeclarations.FactTest declares [NetNamespace] on its class but is a [Fact], which would " +
            "run it in the host network namespace. Use [NetFact] instead of [Fact] so its body runs inside the " +
            "declared namespaces.",
            run["FactTest"].Message);
        Assert.Equal(
            "PlainTestsWithClassDeclarations.TheoryTest declares [NetNamespace] on its class but is a [Theory], which would " +
            "run it in the host network namespace. Use [NetTheory] instead of [Theory] so its body runs inside the " +
            "declared namespaces.",
            run["TheoryTest"].Message);
        Assert.All(run.Results, r => Assert.Equal("Failed", r.Outcome));
        Assert.Empty(Recorder.Get(BodyKey));
    }

    [Fact]
    public async Task PlainTheoryWithRoute_NamesTheRoute()
    {
        Recorder.Clear(BodyKey);

        FixtureRun run = await FixtureRunner.RunAsync(typeof(PlainTheoryWithRoute));

        FixtureResult result = Assert.Single(run.Results);
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "PlainTheoryWithRoute.Run declares [NetRoute] but is a [Theory], which would run it in the host network " +
            "namespace. Use [NetTheory] instead of [Theory] so its body runs inside the declared namespaces.",
            result.Message);
        Assert.Empty(Recorder.Get(BodyKey));
    }

    [Fact]
    public async Task NetFactWithoutFramework_FailsWithRegistrationLine()
    {
        Recorder.Clear(BodyKey);
        var assembly = new AssemblyWithoutFramework(Reflector.Wrap(typeof(NetFactInAssemblyWithoutFramework).Assembly));

        FixtureRun run = await FixtureRunner.RunAsync(
            typeof(NetFactInAssemblyWithoutFramework),
            createFramework: sink => new XunitTestFramework(sink),
            assemblyInfo: assembly);

        FixtureResult result = Assert.Single(run.Results);
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "[NetFact] and [NetTheory] need the test framework Netns.Testing.Xunit.NetnsTestFramework, which assembly " +
            "'Netns.Testing.Xunit.Tests' does not use. Without it, a [Fact] that declares [NetNamespace] would run in " +
            "the host network namespace unnoticed. The Netns.Testing.Xunit package registers it unless " +
            "NetnsTestingRegisterTestFramework is false; otherwise add " +
            "[assembly: Xunit.TestFramework(\"Netns.Testing.Xunit.NetnsTestFramework\", \"Netns.Testing.Xunit\")] " +
            "to the test project, or derive the assembly's own framework from it.",
            result.Message);
        Assert.Empty(Recorder.Get(BodyKey));
    }

    [Fact]
    public void TestAssembly_RegistersFramework()
    {
        TestFrameworkAttribute? attribute = typeof(RegistrationTests).Assembly
            .GetCustomAttributes(typeof(TestFrameworkAttribute), inherit: false)
            .OfType<TestFrameworkAttribute>()
            .SingleOrDefault();

        Assert.NotNull(attribute);
    }
}
