using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class ParallelTests
{
    [Test]
    public void ParallelFixtures_SameNames_GetTheirOwnNamespaces()
    {
        Task<ITestResult>[] runs =
        [
            Task.Run(() => FixtureRunner.Run(typeof(First))),
            Task.Run(() => FixtureRunner.Run(typeof(Second))),
        ];
        Task.WaitAll(runs);

        Assert.That(runs[0].Result.ResultState, Is.EqualTo(ResultState.Success), runs[0].Result.Case(nameof(First.MeetsTheOther)).Message);
        Assert.That(runs[1].Result.ResultState, Is.EqualTo(ResultState.Success), runs[1].Result.Case(nameof(Second.MeetsTheOther)).Message);
        Assert.That(First.ServerInode, Is.Not.EqualTo(Second.ServerInode));
    }

    // Both bodies wait here, so each runs while the other's topology, with the same names, is up.
    private static readonly Barrier s_bodies = new(2);

    [Explicit("Runs in-process from ParallelTests")]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    public class First
    {
        public static ulong ServerInode { get; private set; }

        [Test]
        public Task MeetsTheOther()
        {
            ServerInode = NetnsContext.Namespace("server").Inode;
            return ParallelTests.MeetAsync();
        }
    }

    [Explicit("Runs in-process from ParallelTests")]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    public class Second
    {
        public static ulong ServerInode { get; private set; }

        [Test]
        public Task MeetsTheOther()
        {
            ServerInode = NetnsContext.Namespace("server").Inode;
            return ParallelTests.MeetAsync();
        }
    }

    private static async Task MeetAsync()
    {
        // The barrier blocks, so it waits on a pool thread, which runs in the body's namespace too.
        bool met = await Task.Run(() => s_bodies.SignalAndWait(TimeSpan.FromSeconds(10)));
        Assert.That(met, Is.True, "the other fixture's body did not run at the same time");
        Assert.That(Topology.Current, Is.SameAs(NetnsContext.Topology));
        Assert.That(NamespaceThreads.GetCurrentThreadInode(), Is.EqualTo(NetnsContext.Namespace("client").Inode));
    }
}
