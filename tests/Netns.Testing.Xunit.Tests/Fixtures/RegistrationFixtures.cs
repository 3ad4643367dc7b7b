using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

internal sealed class PlainFactWithNamespace
{
    [Fact]
    [NetNamespace("ns1")]
    public void Run() => Recorder.Add("registration/body", NamespaceThreads.GetCurrentThreadInode());
}

[NetNamespace("ns1")]
[VethLink("ns1", "eth0", "ns2", "eth0")]
[NetNamespace("ns2")]
internal sealed class PlainTestsWithClassDeclarations
{
    [Fact]
    public void FactTest() => Recorder.Add("registration/body", NamespaceThreads.GetCurrentThreadInode());

    [Theory]
    [InlineData(1)]
    public void TheoryTest(int value) => Recorder.Add("registration/body", value);
}

internal sealed class PlainTheoryWithRoute
{
    [Theory]
    [InlineData(1)]
    [NetRoute("ns1", "default", Device = "lo")]
    public void Run(int value) => Recorder.Add("registration/body", value);
}

internal sealed class NetFactInAssemblyWithoutFramework
{
    [NetFact]
    [NetNamespace("ns1")]
    public void Run() => Recorder.Add("registration/body", NamespaceThreads.GetCurrentThreadInode());
}
