using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class LifetimeTests
{
    [Test]
    public void KernelError_FailsBeforeTheBody()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Unreachable), nameof(Unreachable.RoutesViaUnreachableGateway));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.SetUpError));
        Assert.That(result.Message, Is.EqualTo(
            "Building the network topology failed at step 'Adding route 198.18.8.0/24 via 198.18.9.9 in namespace " +
            "'client'', and everything built before it was removed: Adding route 198.18.8.0/24 via 198.18.9.9 " +
            "in namespace 'client' failed: Network is unreachable (ENETUNREACH). Kernel: Nexthop has invalid gateway."));
        Assert.That(Unreachable.BodyRan, Is.False);
    }

    [Test]
    public void SharedTopology_IsTornDownAfterTheLastTest()
    {
        ITestResult result = FixtureRunner.Run(typeof(Shared));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
        Assert.That(Shared.Seen, Has.Count.EqualTo(2));
        Assert.That(Shared.Seen.Distinct().Count(), Is.EqualTo(1));
        Assert.That(Shared.Seen[0].Namespaces.Values.Select(n => n.IsDisposed), Is.All.True);
    }

    [Test]
    public void Repeat_BuildsAFreshTopologyEachTime()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Repeated), nameof(Repeated.RunsThreeTimes));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
        Assert.That(Repeated.Seen, Has.Count.EqualTo(3));
        Assert.That(Repeated.Seen.Distinct().Count(), Is.EqualTo(3));
        Assert.That(Repeated.Seen.SelectMany(t => t.Namespaces.Values).Select(n => n.IsDisposed), Is.All.True);
    }

    [Explicit("Runs in-process from LifetimeTests")]
    public class Repeated
    {
        public static List<Topology> Seen { get; } = [];

        [Test]
        [Repeat(3)]
        [NetNamespace("solo")]
        public void RunsThreeTimes() => Seen.Add(NetnsContext.Topology);
    }

    [Explicit("Runs in-process from LifetimeTests")]
    public class Unreachable
    {
        public static bool BodyRan { get; private set; }

        [Test]
        [NetNamespace("client", Body = true)]
        [NetNamespace("server")]
        [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
        [NetRoute("client", "198.18.8.0/24", Gateway = "198.18.9.9")]
        public void RoutesViaUnreachableGateway() => BodyRan = true;
    }

    [Explicit("Runs in-process from LifetimeTests")]
    [SharedTopology]
    [NetNamespace("solo")]
    public class Shared
    {
        public static List<Topology> Seen { get; } = [];

        [Test]
        public void First() => Seen.Add(NetnsContext.Topology);

        [Test]
        public void Second() => Seen.Add(NetnsContext.Topology);
    }
}
