using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

[NetTopologyScope(TopologyScope.Class)]
[NetNamespace("ns1")]
internal sealed class ClassScoped
{
    [NetFact]
    public void First(Topology topology) => Recorder.Add("scope/topology", topology);

    [NetFact]
    public void Second(Topology topology) => Recorder.Add("scope/topology", topology);

    [NetTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Row(int row, Topology topology = null!)
    {
        Recorder.Add("scope/topology", topology);
        Recorder.Add("scope/rows", row);
    }
}

[NetTopologyScope(TopologyScope.Class)]
[NetNamespace("ns1")]
internal sealed class ClassScopedWithMethodDeclaration
{
    [NetFact]
    [NetNamespace("ns2")]
    public void Run() => Recorder.Add("scope/body", nameof(ClassScopedWithMethodDeclaration));
}

[NetTopologyScope(TopologyScope.Class)]
[NetNamespace("ns1")]
[TestCaseOrderer("Netns.Testing.Xunit.Tests.Harness.AlphabeticalOrderer", "Netns.Testing.Xunit.Tests")]
internal sealed class ClassScopedWithHangingBody
{
    public static readonly SemaphoreSlim Release = new(0);

    [NetFact]
    public void A_RunsFirst()
    {
    }

    [NetFact(Timeout = 300)]
    public void B_Hangs() => Release.Wait(TimeSpan.FromSeconds(30));

    [NetFact]
    public void C_RunsAfterHang() => Recorder.Add("scope/body", nameof(C_RunsAfterHang));
}
