using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

[Collection(SerialCollection.Name)]
public sealed class DeclarationTests
{
    private const string BodyKey = "declarations/body";
    private const string OneProblem = "The network topology declaration has 1 problem; nothing was created:\n  - ";

    [Fact]
    public async Task InvalidDeclarations_FailBeforeBody()
    {
        Recorder.Clear(BodyKey);
        HashSet<int> threadsBefore = ThreadsOutsideHost();
        string[] hostLinksBefore = HostLinks();

        FixtureRun run = await FixtureRunner.RunAsync(typeof(InvalidDeclarations));

        Assert.Equal(
            OneProblem + "[VethLink(\"ns1\", \"sixteen-bytes-xx\", \"ns2\", \"eth0\")]: 'sixteen-bytes-xx': " +
            "an interface name is at most 15 bytes (IFNAMSIZ), and this one is 16.",
            run["LongInterfaceName"].Message);
        Assert.Equal(
            OneProblem + "[VethLink(\"ns1\", \"eth0\", \"ns2\", \"eth0\")]: '198.18.0.1/33': an IPv4 prefix length is 0 to 32.",
            run["PrefixTooLong"].Message);
        Assert.Equal(
            OneProblem + "[VethLink(\"ns1\", \"eth0\", \"ns2\", \"eth1\")]: 'eth0': " +
            "interface names must be unique within namespace 'ns1'.",
            run["DuplicateInterfaceName"].Message);
        foreach (string test in new[] { "LongInterfaceName", "PrefixTooLong", "DuplicateInterfaceName" })
        {
            Assert.Equal("Failed", run[test].Outcome);
            Assert.Equal("Netns.Testing.TopologyValidationException", run[test].ExceptionType);
        }

        FixtureAssert.Passed(run["Valid"]);
        Assert.Single(Recorder.Get(BodyKey));
        Assert.Empty(ThreadsOutsideHost().Except(threadsBefore));
        Assert.Equal(hostLinksBefore, HostLinks());
    }

    [Fact]
    public async Task UnknownNamespaceParameter_FailsBeforeBody()
    {
        FixtureRun run = await FixtureRunner.RunAsync(typeof(InvalidDeclarations));

        FixtureResult result = run["UnknownNamespaceParameter"];
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "Parameter 'ns3' of InvalidDeclarations.UnknownNamespaceParameter is a NetworkNamespace, but no namespace " +
            "named 'ns3' is declared; the declared ones are 'ns1', 'ns2'. Name the parameter after a [NetNamespace] declaration.",
            result.Message);
    }

    [Fact]
    public async Task NetFactWithoutNamespace_Fails()
    {
        Recorder.Clear(BodyKey);

        FixtureRun run = await FixtureRunner.RunAsync(typeof(NetFactWithoutNamespace));

        FixtureResult result = Assert.Single(run.Results);
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "NetFactWithoutNamespace.Run is a [NetFact] or [NetTheory] but declares no network namespace. Add " +
            "[NetNamespace(\"name\")] to the method or its class, or use [Fact] or [Theory] to run in the host namespace.",
            result.Message);
        Assert.Empty(Recorder.Get(BodyKey));
    }

    private static HashSet<int> ThreadsOutsideHost() =>
        NamespaceThreads.FindThreadsOutsideHost().Select(t => t.ThreadId).ToHashSet();

    private static string[] HostLinks() =>
        HostNamespace.Run(() => Directory.GetFileSystemEntries("/sys/class/net").Order(StringComparer.Ordinal).ToArray());
}
