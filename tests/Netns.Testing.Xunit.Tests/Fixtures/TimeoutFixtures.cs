namespace Netns.Testing.Xunit.Tests.Fixtures;

[NetNamespace("ns1")]
internal sealed class HangingBodies
{
    // Released by the test that runs the fixture, so the abandoned bodies end once it has checked them.
    public static readonly SemaphoreSlim Release = new(0);

    [NetFact(Timeout = 300)]
    public void SyncBody(Topology topology)
    {
        Recorder.Add("timeout/topology", topology);
        Release.Wait(TimeSpan.FromSeconds(30));
    }

    [NetFact(Timeout = 300)]
    public async Task AsyncBody(Topology topology)
    {
        Recorder.Add("timeout/topology", topology);
        await Release.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [NetFact(Timeout = 5000)]
    public async Task QuickBody()
    {
        await Task.Delay(10);
    }
}
