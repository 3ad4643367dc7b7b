using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>Runs in parallel with the other ParallelFixture, with the same namespace names.</summary>
[Parallelizable(ParallelScope.All)]
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public class ParallelFixtureA
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Body_RunsInItsOwnClient(int _)
    {
        Assert.That(NamespaceThreads.GetCurrentThreadInode(), Is.EqualTo(NetnsContext.Namespace("client").Inode));
        await Task.Delay(20);
        Assert.That(NamespaceThreads.GetCurrentThreadInode(), Is.EqualTo(Topology.Current!["client"].Inode));
        Assert.That(Topology.Current, Is.SameAs(NetnsContext.Topology));
    }
}
