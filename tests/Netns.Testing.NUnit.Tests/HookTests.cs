using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Netns.Testing.NUnit.Tests;

public class HookTests
{
    [Test]
    public void MissingHook_FailsWithWhatToAdd()
    {
        ITestResult result = FixtureRunner.Run(typeof(Unhooked), hook: false).Case(nameof(Unhooked.UsesServer));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Error));
        Assert.That(result.Message, Is.EqualTo(
            "System.InvalidOperationException : Test 'Netns.Testing.NUnit.Tests.HookTests+Unhooked.UsesServer' declares " +
            "a network topology, but none was built for it because the Netns.Testing.NUnit hook is missing. " +
            "Add [assembly: Netns.Testing.NUnit.NetnsTests] to the test project."));
        Assert.That(Unhooked.ReachedServer, Is.False);
    }

    [Test]
    public void Hook_AppliedTwice_BuildsOneTopology()
    {
        TestSuite fixture = FixtureRunner.Build(typeof(Hooked));
        new NetnsTestsAttribute().ApplyToTest(fixture);

        ITestResult result = FixtureRunner.Run(fixture).Case(nameof(Hooked.CountsTopologies));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
        Assert.That(result.Output.Split('\n').Count(l => l.StartsWith("netns: topology up in ", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Output_HasOneLineForSetupAndOneForTeardown()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Hooked), nameof(Hooked.CountsTopologies));
        string[] lines = result.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Match(@"^netns: topology up in \d+\.\d ms: solo \[solo=\d+\]$"));
        Assert.That(lines[1], Does.Match(@"^netns: topology down in \d+\.\d ms: solo$"));
    }

    [Explicit("Runs in-process from HookTests")]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    public class Unhooked
    {
        public static bool ReachedServer { get; private set; }

        [Test]
        public void UsesServer()
        {
            _ = NetnsContext.Namespace("server");
            ReachedServer = true;
        }
    }

    [Test]
    public void TestWithoutDeclarations_RunsInHostAsUsual()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Hooked), nameof(Hooked.DeclaresNothing));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
        Assert.That(result.Output, Is.Empty);
    }

    [Explicit("Runs in-process from HookTests")]
    public class Hooked
    {
        [Test]
        public void DeclaresNothing() => Assert.That(HostNamespace.IsCurrentThreadInHost, Is.True);

        [Test]
        [NetNamespace("solo")]
        public void CountsTopologies() => Assert.That(HostNamespace.IsCurrentThreadInHost, Is.False);
    }
}
