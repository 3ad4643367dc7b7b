using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class LeftThreadTests
{
    [Test]
    public void ThreadOutlivingBody_FailsNamingIt()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Leaky), nameof(Leaky.StartsThread));
        Leaky.Thread!.Join();

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Is.EqualTo(
            "1 thread was left in the test's network namespaces after it ended. Stop and join every thread the test " +
            "starts, and cancel its pending work:" + Environment.NewLine +
            $"  - thread {Leaky.ThreadId} 'leaky worker' in namespace 'client' (inode {Leaky.Inode})"));
    }

    [Test]
    public void ThreadOutlivingFailedBody_KeepsBothFailures()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Leaky), nameof(Leaky.StartsThreadAndFails));
        Leaky.Thread!.Join();

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Does.StartWith("Multiple failures or warnings in test:" + Environment.NewLine + "  1) body failed"));
        Assert.That(result.Message, Does.Contain($"  - thread {Leaky.ThreadId} 'leaky worker' in namespace 'client'"));
    }

    [Test]
    public void ThreadJoinedInBody_Passes()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Leaky), nameof(Leaky.JoinsThread));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success), result.Message);
    }

    [Explicit("Runs in-process from LeftThreadTests")]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    public class Leaky
    {
        public static Thread? Thread { get; private set; }

        public static int ThreadId { get; private set; }

        public static ulong Inode { get; private set; }

        [Test]
        public void StartsThread() => Start(TimeSpan.FromSeconds(2));

        [Test]
        public void StartsThreadAndFails()
        {
            Start(TimeSpan.FromSeconds(2));
            Assert.Fail("body failed");
        }

        [Test]
        public void JoinsThread() => Start(TimeSpan.FromMilliseconds(50)).Join();

        private static Thread Start(TimeSpan lifetime)
        {
            Inode = NetnsContext.Namespace("client").Inode;
            using var started = new ManualResetEventSlim();
            Thread = new Thread(() =>
            {
                // /proc/thread-self links to "<pid>/task/<tid>".
                ThreadId = int.Parse(Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget!));
                started.Set();
                System.Threading.Thread.Sleep(lifetime);
            })
            {
                Name = "leaky worker",
            };
            Thread.Start();
            started.Wait();
            return Thread;
        }
    }
}
