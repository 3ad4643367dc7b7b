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
