using System.Net;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

/// <summary>
/// A namespace named like the declared ones, with an interface and address named like theirs, created
/// by the tests themselves outside the framework. The framework never adopts nor deletes it.
/// </summary>
public sealed class StrayNamespace : IDisposable
{
    public StrayNamespace()
    {
        Namespace = NetworkNamespace.Create("ns1");
        Namespace.Netlink.CreateVeth("eth0", "stray-peer", Namespace);
        Namespace.Netlink.AddAddress("eth0", InterfaceAddress.Parse("198.18.0.1/24"));
    }

    public NetworkNamespace Namespace { get; }

    /// <summary>Asserts the stray namespace still has its eth0 with its address.</summary>
    public void AssertUntouched(Topology topology)
    {
        Assert.NotEqual(Namespace.Inode, topology["ns1"].Inode);
        Assert.False(Namespace.IsDisposed);
        Assert.NotNull(Namespace.Netlink.GetLink("eth0"));
        Assert.Contains(Namespace.Netlink.GetAddresses("eth0"), a => a.IPAddress.Equals(IPAddress.Parse("198.18.0.1")));
    }

    public void Dispose() => Namespace.Dispose();
}

[NetNamespace("ns1", Body = true)]
[NetNamespace("ns2")]
[VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public sealed class NameCollisionTestsA(StrayNamespace stray) : IClassFixture<StrayNamespace>
{
    [NetFact]
    public void SameNames_GetOwnNamespaces(Topology topology)
    {
        stray.AssertUntouched(topology);
        Assert.Equal(topology["ns1"].Inode, NamespaceThreads.GetCurrentThreadInode());
    }

    [NetFact]
    public void StrayNamespace_SurvivesEarlierTeardowns(Topology topology) => stray.AssertUntouched(topology);
}

[NetNamespace("ns1", Body = true)]
[NetNamespace("ns2")]
[VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
public sealed class NameCollisionTestsB
{
    [NetFact]
    public void SameNames_GetOwnNamespaces(Topology topology)
    {
        Assert.Equal(topology["ns1"].Inode, NamespaceThreads.GetCurrentThreadInode());
        Assert.NotNull(topology["ns1"].Netlink.GetLink("eth0"));
    }

    [NetFact]
    public void StrayInBody_IsLeftToItsCreator(NetworkNamespace ns1)
    {
        // A namespace the body creates itself, named like a declared one, is the body's to dispose.
        using NetworkNamespace own = NetworkNamespace.Create("ns1");
        own.Netlink.CreateVeth("eth0", "own-peer", own);
        Assert.NotEqual(ns1.Inode, own.Inode);
        Assert.NotNull(own.Netlink.GetLink("eth0"));
        Assert.NotNull(ns1.Netlink.GetLink("eth0"));
    }
}
