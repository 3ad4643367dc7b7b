using Xunit;

namespace Netns.Testing.Xunit.Tests.Fixtures;

internal sealed class ThreadOutlivesBody
{
    public const string ThreadName = "outliving";

    [NetFact]
    [NetNamespace("ns1")]
    public async Task Run(NetworkNamespace ns1)
    {
        Recorder.Add("threads/inode", ns1.Inode);
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(workers + 32, completionPorts);
        var blocking = new Task[64];
        for (int i = 0; i < blocking.Length; i++)
        {
            blocking[i] = Task.Run(() => Thread.Sleep(20));
        }

        await Task.WhenAll(blocking);
        var thread = new Thread(() => Thread.Sleep(TimeSpan.FromSeconds(2))) { IsBackground = true, Name = ThreadName };
        thread.Start();
    }
}

internal sealed class HostPoolItems
{
    [Fact]
    public async Task Run()
    {
        var items = new Task<ulong>[500];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Task.Run(NamespaceThreads.GetCurrentThreadInode);
        }

        foreach (ulong inode in await Task.WhenAll(items))
        {
            Recorder.Add("threads/host-items", inode);
        }
    }
}
