using System.Diagnostics;

namespace Netns.Testing.Tests.Kernel;

public class ProcessTests
{
    [Fact]
    public void Dispose_StopsRunningChild()
    {
        NetworkNamespace ns = NetworkNamespace.Create("child-stop");
        using Process child = ns.StartProcess(new ProcessStartInfo("sleep", "30"));

        ns.Dispose();

        Assert.True(child.HasExited);
        Assert.Equal(128 + 15, child.ExitCode);
    }

    [Fact]
    public void Dispose_KillsChildIgnoringSigterm()
    {
        NetworkNamespace ns = NetworkNamespace.Create("child-kill");
        ns.ProcessStopTimeout = TimeSpan.FromMilliseconds(200);
        using Process child = ns.StartProcess(new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done" },
            RedirectStandardOutput = true,
        });

        // The trap must be in place before disposal sends SIGTERM.
        Assert.Equal("ready", child.StandardOutput.ReadLine());
        var stopwatch = Stopwatch.StartNew();
        ns.Dispose();
        stopwatch.Stop();

        Assert.True(child.HasExited);
        Assert.Equal(128 + 9, child.ExitCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(200), $"disposal took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Dispose_ExitedChild_IsIgnored()
    {
        NetworkNamespace ns = NetworkNamespace.Create("child-exited");
        using Process child = ns.StartProcess(new ProcessStartInfo("true"));
        child.WaitForExit();

        ns.Dispose();

        Assert.Equal(0, child.ExitCode);
    }
}
