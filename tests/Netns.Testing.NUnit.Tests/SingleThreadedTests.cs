using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>
/// In a [SingleThreaded] fixture NUnit waits for asynchronous tests with a synchronization context
/// of its own on its thread, while the body still runs and resumes on the namespace's thread.
/// </summary>
[SingleThreaded]
[NetNamespace("solo")]
public class SingleThreadedTests
{
    [Test]
    public async Task AsyncBody_ResumesInItsNamespace()
    {
        ulong expected = NetnsContext.Namespace("solo").Inode;
        await Task.Delay(5);
        Assert.That(NamespaceThreads.GetCurrentThreadInode(), Is.EqualTo(expected));
    }

    [Test]
    public void SyncBody_RunsInItsNamespace() =>
        Assert.That(NamespaceThreads.GetCurrentThreadInode(), Is.EqualTo(NetnsContext.Namespace("solo").Inode));
}
