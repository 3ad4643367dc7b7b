using System.Net.Sockets;
using Netns.Testing.Behaviour;

namespace Netns.Testing.Xunit.Tests;

/// <summary>The shared behaviour scenarios, each run as a test of this adapter.</summary>
[NetNamespace("client", Body = true)]
[NetNamespace("server")]
[VethLink("client", "eth0", "server", "eth0",
    Address1 = BehaviourScenarios.ClientAddresses, Address2 = BehaviourScenarios.ServerAddresses)]
public sealed class BehaviourTests
{
    [NetFact]
    public Task BodyStaysInItsNamespace(Topology topology) => BehaviourScenarios.BodyStaysInItsNamespaceAsync(topology);

    [NetFact]
    public void NamespacesAreReachableByName(Topology topology) => BehaviourScenarios.NamespacesAreReachableByName(topology);

    [NetFact]
    public Task TcpEchoAcrossVeth_IPv4(Topology topology) =>
        BehaviourScenarios.TcpEchoAcrossVethAsync(topology, AddressFamily.InterNetwork);

    [NetFact]
    public Task TcpEchoAcrossVeth_IPv6(Topology topology) =>
        BehaviourScenarios.TcpEchoAcrossVethAsync(topology, AddressFamily.InterNetworkV6);

    [NetFact]
    public Task UdpRequestReplyAcrossVeth_IPv4(Topology topology) =>
        BehaviourScenarios.UdpRequestReplyAcrossVethAsync(topology, AddressFamily.InterNetwork);

    [NetFact]
    public Task UdpRequestReplyAcrossVeth_IPv6(Topology topology) =>
        BehaviourScenarios.UdpRequestReplyAcrossVethAsync(topology, AddressFamily.InterNetworkV6);

    [NetFact]
    public Task HostLoopbackIsUnreachable(Topology topology) => BehaviourScenarios.HostLoopbackIsUnreachableAsync(topology);

    [NetFact]
    public Task ConfigureAwaitFalseStaysInNamespace(Topology topology) =>
        BehaviourScenarios.ConfigureAwaitFalseStaysInNamespaceAsync(topology);

    [NetFact]
    public Task RunInOtherNamespaceReturns(Topology topology) => BehaviourScenarios.RunInOtherNamespaceReturnsAsync(topology);

    [NetFact]
    public Task PingAcrossVeth(Topology topology) => BehaviourScenarios.PingAcrossVethAsync(topology);

    [NetFact]
    public Task BodyStaysInItsNamespace_FromTopologyCurrent() =>
        BehaviourScenarios.BodyStaysInItsNamespaceAsync(Topology.Current!);
}
