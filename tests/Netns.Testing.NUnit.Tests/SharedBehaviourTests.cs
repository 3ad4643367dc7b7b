using System.Net.Sockets;
using Netns.Testing.Behaviour;
using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>The shared behaviour scenarios, all tests on one topology built for the fixture.</summary>
[TestFixture]
[SharedTopology]
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0",
    Address1 = BehaviourScenarios.ClientAddresses, Address2 = BehaviourScenarios.ServerAddresses)]
public class SharedBehaviourTests
{
    private ulong _firstInode;

    [Test]
    [Order(1)]
    public Task BodyStaysInItsNamespace()
    {
        _firstInode = NetnsContext.Namespace("client").Inode;
        return BehaviourScenarios.BodyStaysInItsNamespaceAsync(NetnsContext.Topology);
    }

    [Test]
    [Order(2)]
    public void NamespacesAreReachableByName() => BehaviourScenarios.NamespacesAreReachableByName(Topology.Current!);

    [TestCase(AddressFamily.InterNetwork)]
    [TestCase(AddressFamily.InterNetworkV6)]
    [Order(3)]
    public Task TcpEchoAcrossVeth(AddressFamily family) =>
        BehaviourScenarios.TcpEchoAcrossVethAsync(NetnsContext.Topology, family);

    [TestCase(AddressFamily.InterNetwork)]
    [TestCase(AddressFamily.InterNetworkV6)]
    [Order(4)]
    public Task UdpRequestReplyAcrossVeth(AddressFamily family) =>
        BehaviourScenarios.UdpRequestReplyAcrossVethAsync(NetnsContext.Topology, family);

    [Test]
    [Order(5)]
    public Task HostLoopbackIsUnreachable() => BehaviourScenarios.HostLoopbackIsUnreachableAsync(NetnsContext.Topology);

    [Test]
    [Order(6)]
    public void SharedTopology_IsTheSameForEveryTest()
    {
        Assert.That(_firstInode, Is.Not.Zero, "the first test did not run");
        Assert.That(NetnsContext.Namespace("client").Inode, Is.EqualTo(_firstInode));
    }

    [Test]
    [Order(5)]
    public Task ConfigureAwaitFalseStaysInNamespace() =>
        BehaviourScenarios.ConfigureAwaitFalseStaysInNamespaceAsync(NetnsContext.Topology);

    [Test]
    [Order(5)]
    public Task RunInOtherNamespaceReturns() => BehaviourScenarios.RunInOtherNamespaceReturnsAsync(NetnsContext.Topology);

    [Test]
    [Order(5)]
    public Task PingAcrossVeth() => BehaviourScenarios.PingAcrossVethAsync(NetnsContext.Topology);
}
