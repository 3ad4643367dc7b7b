using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class OwnThreadTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NestedRunAsyncThrowingSynchronously_ReturnsFaultedTask()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-own-throw");

        bool faulted = await ns.RunAsync(() =>
        {
            Task<int> inner = ns.RunAsync<int>(() => throw new InvalidOperationException("thrown before any await"));
            return Task.FromResult(inner.IsFaulted);
        }).WaitAsync(s_timeout);

        Assert.True(faulted);
    }

    [Fact]
    public async Task NestedRunAsyncWithCanceledToken_BodyNeverRuns()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-own-canceled");
        using var source = new CancellationTokenSource();
        source.Cancel();
        bool ran = false;

        bool canceled = await ns.RunAsync(() =>
        {
            Task inner = ns.RunAsync(() =>
            {
                ran = true;
                return Task.CompletedTask;
            }, source.Token);
            return Task.FromResult(inner.IsCanceled);
        }).WaitAsync(s_timeout);

        Assert.True(canceled);
        Assert.False(ran);
    }
}
