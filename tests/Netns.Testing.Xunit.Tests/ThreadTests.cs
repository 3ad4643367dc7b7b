using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

[Collection(SerialCollection.Name)]
public sealed class ThreadTests
{
    [Fact]
    public async Task ThreadOutlivingBody_FailsTest()
    {
        Recorder.Clear("threads/");
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        FixtureRun leaking;
        FixtureRun host;
        try
        {
            leaking = await FixtureRunner.RunAsync(typeof(ThreadOutlivesBody));
            host = await FixtureRunner.RunAsync(typeof(HostPoolItems));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completionPorts);
        }

        ulong inode = (ulong)Assert.Single(Recorder.Get("threads/inode"));
        FixtureResult result = Assert.Single(leaking.Results);
        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("Netns.Testing.Xunit.ThreadsLeftInNamespaceException", result.ExceptionType);
        Assert.Matches(
            @"^1 thread was still in the test's network namespaces after teardown: " +
            $@"thread \d+ '{ThreadOutlivesBody.ThreadName}' " +
            $@"in namespace 'ns1' \(inode {inode}\)\. A thread started inside a namespace stays in it; stop or join such " +
            @"threads before the test returns\.$",
            result.Message);

        FixtureAssert.Passed(Assert.Single(host.Results));
        IReadOnlyList<object> inodes = Recorder.Get("threads/host-items");
        Assert.Equal(500, inodes.Count);
        Assert.All(inodes, i => Assert.Equal(HostNamespace.Inode, (ulong)i));
    }
}
