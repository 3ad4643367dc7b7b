using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>[SetUp] and [TearDown] run in the host namespace and see the test's topology.</summary>
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public class SetUpTearDownTests
{
    private ulong _serverInodeInSetUp;

    [OneTimeSetUp]
    public void OneTimeSetUp() => Assert.That(HostNamespace.IsCurrentThreadInHost, Is.True);

    [SetUp]
    public void SetUp()
    {
        Assert.That(HostNamespace.IsCurrentThreadInHost, Is.True);
        _serverInodeInSetUp = NetnsContext.Namespace("server").Inode;
    }

    [TearDown]
    public void TearDown()
    {
        Assert.That(HostNamespace.IsCurrentThreadInHost, Is.True);
        Assert.That(NetnsContext.Namespace("server").IsDisposed, Is.False);
    }

    [Test]
    public void Body_SeesTheTopologyOfSetUp()
    {
        Assert.That(HostNamespace.IsCurrentThreadInHost, Is.False);
        Assert.That(NetnsContext.Namespace("server").Inode, Is.EqualTo(_serverInodeInSetUp));
    }

    [TestCase(ExpectedResult = true)]
    public bool ExpectedResult_IsCompared() => NamespaceThreads.GetCurrentThreadInode() == NetnsContext.Namespace("client").Inode;

    [TestCase(ExpectedResult = "client")]
    public async Task<string> ExpectedResult_OfAsyncBody_IsCompared()
    {
        await Task.Yield();
        return NetnsContext.Topology.BodyNamespace.Name;
    }
}
