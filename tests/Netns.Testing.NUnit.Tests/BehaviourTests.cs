using System.Net.Sockets;
using Netns.Testing.Behaviour;
using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>The shared behaviour scenarios, each test with a topology of its own.</summary>
[TestFixture]
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0",
    Address1 = BehaviourScenarios.ClientAddresses, Address2 = BehaviourScenarios.ServerAddresses)]
public class BehaviourTests
{
    private static readonly AddressFamily[] s_families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    [Test]
    public Task BodyStaysInItsNamespace() => BehaviourScenarios.BodyStaysInItsNamespaceAsync(NetnsContext.Topology);

    [Test]
    public void NamespacesAreReachableByName() => BehaviourScenarios.NamespacesAreReachableByName(Topology.Current!);

    [TestCase(AddressFamily.InterNetwork)]
    [TestCase(AddressFamily.InterNetworkV6)]
    public Task TcpEchoAcrossVeth(AddressFamily family) =>
        BehaviourScenarios.TcpEchoAcrossVethAsync(NetnsContext.Topology, family);

    [TestCaseSource(nameof(s_families))]
    public Task UdpRequestReplyAcrossVeth(AddressFamily family) =>
        BehaviourScenarios.UdpRequestReplyAcrossVethAsync(NetnsContext.Topology, family);

    [Test]
    public Task HostLoopbackIsUnreachable() => BehaviourScenarios.HostLoopbackIsUnreachableAsync(NetnsContext.Topology);

    [Test]
    public Task ConfigureAwaitFalseStaysInNamespace() =>
        BehaviourScenarios.ConfigureAwaitFalseStaysInNamespaceAsync(NetnsContext.Topology);

    [Test]
    public Task RunInOtherNamespaceReturns() => BehaviourScenarios.RunInOtherNamespaceReturnsAsync(NetnsContext.Topology);

    [Test]
    public Task PingAcrossVeth() => BehaviourScenarios.PingAcrossVethAsync(NetnsContext.Topology);
}
