namespace Netns.Testing.Xunit.Tests.Fixtures;

[NetNamespace("ns1", Body = true)]
[NetNamespace("ns2")]
internal sealed class InvalidDeclarations
{
    [NetFact]
    [VethLink("ns1", "sixteen-bytes-xx", "ns2", "eth0")]
    public void LongInterfaceName() => Recorder.Add("declarations/body", nameof(LongInterfaceName));

    [NetFact]
    [VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/33")]
    public void PrefixTooLong() => Recorder.Add("declarations/body", nameof(PrefixTooLong));

    [NetFact]
    [VethLink("ns1", "eth0", "ns2", "eth0")]
    [VethLink("ns1", "eth0", "ns2", "eth1")]
    public void DuplicateInterfaceName() => Recorder.Add("declarations/body", nameof(DuplicateInterfaceName));

    [NetFact]
    [VethLink("ns1", "eth0", "ns2", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    public void Valid(NetworkNamespace ns1) => Recorder.Add("declarations/body", ns1.Inode);

    [NetFact]
    public void UnknownNamespaceParameter(NetworkNamespace ns3) => Recorder.Add("declarations/body", ns3.Inode);
}

internal sealed class NetFactWithoutNamespace
{
    [NetFact]
    public void Run() => Recorder.Add("declarations/body", nameof(NetFactWithoutNamespace));
}
