using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class LateCallbackTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TimerAfterDispose_RunsInQuarantine()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-late-timer");
        ulong inode = ns.Inode;
        var fired = new TaskCompletionSource<(ulong Inode, SocketError Connect)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Timer? timer = null;

        ns.Run(() => timer = new Timer(_ => fired.TrySetResult(Observe()), null, 200, Timeout.Infinite));
        ns.Dispose();
        (ulong seen, SocketError connect) = await fired.Task.WaitAsync(s_timeout);
        await timer!.DisposeAsync();

        Assert.NotEqual(HostNamespace.Inode, seen);
        Assert.NotEqual(inode, seen);
        Assert.Equal(SocketError.NetworkUnreachable, connect);
    }

    [Fact]
    public async Task DelayContinuationAfterDispose_RunsInQuarantine()
    {
        NetworkNamespace ns = NetworkNamespace.Create("adv-late-delay");
        ulong inode = ns.Inode;
        var fired = new TaskCompletionSource<(ulong Inode, SocketError Connect)>(TaskCreationOptions.RunContinuationsAsynchronously);

        await ns.RunAsync(() =>
        {
            _ = ObserveLaterAsync(fired);
            return Task.CompletedTask;
        }).WaitAsync(s_timeout);
        ns.Dispose();
        (ulong seen, SocketError connect) = await fired.Task.WaitAsync(s_timeout);

        Assert.NotEqual(HostNamespace.Inode, seen);
        Assert.NotEqual(inode, seen);
        Assert.Equal(SocketError.NetworkUnreachable, connect);
    }

    [Fact]
    public async Task TaskRunInBody_ThenPoolBackInHost()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-pool-return");

        ulong[] inBody = await ns.RunAsync(() => Task.WhenAll(
            Enumerable.Range(0, 50).Select(_ => Task.Run(NamespaceThreads.GetCurrentThreadInode)))).WaitAsync(s_timeout);
        ulong[] after = await Task.Run(() => Task.WhenAll(
            Enumerable.Range(0, 200).Select(_ => Task.Run(NamespaceThreads.GetCurrentThreadInode)))).WaitAsync(s_timeout);

        Assert.All(inBody, inode => Assert.Equal(ns.Inode, inode));
        Assert.All(after, inode => Assert.Equal(HostNamespace.Inode, inode));
    }

    [Fact]
    public async Task UnsafeQueuedInBody_RunsInHost()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-unsafe-queue");
        var seen = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Work queued without the execution context carries no namespace, so it runs in the host.
        await ns.RunAsync(() =>
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => seen.SetResult(NamespaceThreads.GetCurrentThreadInode()), null);
            return Task.CompletedTask;
        }).WaitAsync(s_timeout);

        Assert.Equal(HostNamespace.Inode, await seen.Task.WaitAsync(s_timeout));
    }

    private static async Task ObserveLaterAsync(TaskCompletionSource<(ulong, SocketError)> fired)
    {
        await Task.Delay(200).ConfigureAwait(false);
        fired.TrySetResult(Observe());
    }

    private static (ulong Inode, SocketError Connect) Observe()
    {
        ulong inode = NamespaceThreads.GetCurrentThreadInode();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 9));
            return (inode, SocketError.Success);
        }
        catch (SocketException e)
        {
            return (inode, e.SocketErrorCode);
        }
    }
}
