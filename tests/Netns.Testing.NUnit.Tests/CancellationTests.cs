using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class CancellationTests
{
    [Test]
    public void CancelAfter_HungBody_TearsTopologyDown()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Slow), nameof(Slow.IgnoresCancellation));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Is.EqualTo(
            "Test exceeded CancelAfter value of 300ms, and its body was still running 1 s later, so its topology was " +
            "torn down while it ran. Pass TestContext.CurrentContext.CancellationToken to every wait in the body."));
        AssertTornDown(Slow.Topology!);
    }

    [Test]
    public void CancelAfter_CooperativeBody_TearsTopologyDown()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Slow), nameof(Slow.ObservesCancellation));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Is.EqualTo("Test exceeded CancelAfter value of 300ms"));
        AssertTornDown(Slow.Topology!);
    }

    [Test]
    public void CancelAfter_TokenParameter_TearsTopologyDown()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Slow), nameof(Slow.TakesToken));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Is.EqualTo("Test exceeded CancelAfter value of 300ms"));
        AssertTornDown(Slow.Topology!);
    }

    [Test]
    public void CancelAfter_BlockedBody_FailsNamingItsThread()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Slow), nameof(Slow.Blocks));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Does.StartWith(
            "Multiple failures or warnings in test:" + Environment.NewLine +
            "  1) Test exceeded CancelAfter value of 300ms, and its body was still running 1 s later, so its topology " +
            "was torn down while it ran. Pass TestContext.CurrentContext.CancellationToken to every wait in the body."));

        // NUnit puts the stack trace of the first failure between the two.
        Assert.That(result.Message, Does.EndWith(
            "  2) 1 thread was left in the test's network namespaces after it ended. Stop and join every thread the " +
            "test starts, and cancel its pending work:" + Environment.NewLine +
            $"  - thread {Slow.BodyThreadId} 'netns worker' in namespace 'client' (inode {Slow.Topology!["client"].Inode})" +
            Environment.NewLine));
    }

    [Test]
    public void Timeout_HungBody_TearsTopologyDown()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Slow), nameof(Slow.TimesOut));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Is.EqualTo("Test exceeded Timeout value of 300ms"));

        // NUnit stops waiting at the deadline and leaves the test running. The adapter tears the
        // topology down a grace period later, on the abandoned test's thread. A namespace counts
        // as disposed from the start of its disposal, and its thread leaves a moment later.
        Assert.That(() => IsTornDown(Slow.Topology!), Is.True.After(5000, 50));
        AssertTornDown(Slow.Topology!);
    }

    private static bool IsTornDown(Topology topology)
    {
        var inodes = topology.Namespaces.Values.Select(n => n.Inode).ToHashSet();
        return topology.Namespaces.Values.All(n => n.IsDisposed)
            && !NamespaceThreads.FindThreadsOutsideHost().Any(t => inodes.Contains(t.Inode));
    }

    private static void AssertTornDown(Topology topology)
    {
        var inodes = topology.Namespaces.Values.Select(n => n.Inode).ToHashSet();
        Assert.That(topology.Namespaces.Values.Select(n => n.IsDisposed), Is.All.True);
        Assert.That(NamespaceThreads.FindThreadsOutsideHost().Where(t => inodes.Contains(t.Inode)), Is.Empty);
    }

    [Explicit("Runs in-process from CancellationTests")]
    [NetNamespace("client", Body = true)]
    [NetNamespace("server")]
    [VethLink("client", "eth0", "server", "eth0", Address1 = "198.18.0.1/24", Address2 = "198.18.0.2/24")]
    public class Slow
    {
        public static Topology? Topology { get; private set; }

        [Test]
        [CancelAfter(300)]
        public async Task IgnoresCancellation()
        {
            Topology = NetnsContext.Topology;
            await Task.Delay(Timeout.Infinite);
        }

        [Test]
        [CancelAfter(300)]
        public async Task ObservesCancellation()
        {
            Topology = NetnsContext.Topology;
            await Task.Delay(Timeout.Infinite, TestContext.CurrentContext.CancellationToken);
        }

        [Test]
        [CancelAfter(300)]
        public async Task TakesToken(CancellationToken cancellationToken)
        {
            Topology = NetnsContext.Topology;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public static int BodyThreadId { get; private set; }

        [Test]
        [CancelAfter(300)]
        public void Blocks()
        {
            Topology = NetnsContext.Topology;
            BodyThreadId = int.Parse(Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget!));

            // Longer than the grace period and the wait for the namespace thread together.
            Thread.Sleep(TimeSpan.FromSeconds(4));
        }

#pragma warning disable CS0618 // [Timeout] is obsolete on .NET; the adapter still tears down at its deadline.
        [Test]
        [Timeout(300)]
#pragma warning restore CS0618
        public async Task TimesOut()
        {
            Topology = NetnsContext.Topology;
            await Task.Delay(Timeout.Infinite);
        }
    }
}
