using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class ExceptionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ThrowsBeforeFirstAwait_KeepsTypeAndStack()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-sync-throw");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ns.RunAsync(ThrowSynchronously).WaitAsync(s_timeout));

        Assert.Contains(nameof(ThrowSynchronously), exception.StackTrace);
    }

    [Fact]
    public async Task RunAsync_ThrowsAggregate_CallerSeesAggregate()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-aggregate");

        var exception = await Assert.ThrowsAsync<AggregateException>(
            () => ns.RunAsync(ThrowAggregateAsync).WaitAsync(s_timeout));

        Assert.IsType<TimeoutException>(Assert.Single(exception.InnerExceptions));
    }

    [Fact]
    public async Task RunAsync_ThrowsCanceled_TaskIsCanceledWithToken()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-oce");
        using var source = new CancellationTokenSource();
        source.Cancel();

        Task task = ns.RunAsync(async () =>
        {
            await Task.Yield();
            source.Token.ThrowIfCancellationRequested();
        });
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(s_timeout));

        Assert.True(task.IsCanceled);
        Assert.Equal(source.Token, exception.CancellationToken);
    }

    [Fact]
    public void Run_ThrowsCanceled_CallerSeesCanceled()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-run-oce");
        using var source = new CancellationTokenSource();
        source.Cancel();

        var exception = Assert.ThrowsAny<OperationCanceledException>(() => ns.Run(source.Token.ThrowIfCancellationRequested));

        Assert.Equal(source.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_TokenCanceledBefore_BodyNeverRuns()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-precanceled");
        using var source = new CancellationTokenSource();
        source.Cancel();
        bool ran = false;

        Task task = ns.RunAsync(() =>
        {
            ran = true;
            return Task.CompletedTask;
        }, source.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(s_timeout));

        Assert.True(task.IsCanceled);
        Assert.False(ran);
    }

    [Fact]
    public async Task AsyncVoidThrowing_IsRecorded()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-async-void");

        await ns.RunAsync(async () =>
        {
            FireAndForget();
            await Task.Delay(50);
        }).WaitAsync(s_timeout);

        Exception recorded = Assert.Single(ns.UnhandledExceptions);
        Assert.Equal("async void failed", recorded.Message);
    }

    [Fact]
    public async Task AsyncVoidThrowingAfterConfigureAwait_IsRecorded()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-async-void-pool");

        await ns.RunAsync(async () =>
        {
            FireAndForgetOffThread();
            await Task.Delay(100);
        }).WaitAsync(s_timeout);

        Exception recorded = Assert.Single(ns.UnhandledExceptions);
        Assert.Equal("async void failed off the thread", recorded.Message);
    }

    private static Task ThrowSynchronously() => throw new InvalidOperationException("thrown before any await");

    private static async Task ThrowAggregateAsync()
    {
        await Task.Yield();
        throw new AggregateException(new TimeoutException("inner"));
    }

#pragma warning disable VSTHRD100 // The test needs an async void method.
    private static async void FireAndForget()
    {
        await Task.Yield();
        throw new InvalidOperationException("async void failed");
    }

    private static async void FireAndForgetOffThread()
    {
        await Task.Delay(1).ConfigureAwait(false);
        throw new InvalidOperationException("async void failed off the thread");
    }
#pragma warning restore VSTHRD100
}
