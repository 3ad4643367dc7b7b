using Xunit;
using Xunit.Abstractions;

namespace Netns.Testing.Xunit.Tests.Fixtures;

internal sealed class LifecycleClassFixture
{
    public LifecycleClassFixture() => Recorder.Add("lifecycle/class-fixture", NamespaceThreads.GetCurrentThreadInode());
}

[NetNamespace("ns1")]
internal sealed class Lifecycle : IAsyncLifetime, IDisposable, IClassFixture<LifecycleClassFixture>
{
    private readonly ITestOutputHelper _output;

    public Lifecycle(ITestOutputHelper output, LifecycleClassFixture fixture)
    {
        _output = output;
        Assert.NotNull(fixture);
        Recorder.Add("lifecycle/constructor", NamespaceThreads.GetCurrentThreadInode());
    }

    public Task InitializeAsync()
    {
        Recorder.Add("lifecycle/initialize", NamespaceThreads.GetCurrentThreadInode());
        return Task.CompletedTask;
    }

    [NetFact]
    public void Body(NetworkNamespace ns1)
    {
        _output.WriteLine("written by the body");
        Recorder.Add("lifecycle/body", NamespaceThreads.GetCurrentThreadInode());
        Recorder.Add("lifecycle/namespace", ns1.Inode);
    }

    public Task DisposeAsync()
    {
        Recorder.Add("lifecycle/dispose-async", NamespaceThreads.GetCurrentThreadInode());
        return Task.CompletedTask;
    }

    public void Dispose() => Recorder.Add("lifecycle/dispose", NamespaceThreads.GetCurrentThreadInode());
}

[NetNamespace("ns1")]
internal sealed class WithoutOutputHelper
{
    [NetFact]
    public void Body()
    {
    }
}
