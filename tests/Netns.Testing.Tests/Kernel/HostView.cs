namespace Netns.Testing.Tests.Kernel;

/// <summary>Reads of host-namespace state, made from a host-namespace thread.</summary>
internal static class HostView
{
    /// <summary>Lists the host's interfaces from /sys/class/net, which shows the namespace sysfs was mounted in.</summary>
    public static string[] ListInterfaces() =>
        HostNamespace.Run(() => Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName).Order().ToArray())!;

    /// <summary>Reads a file of the host's /proc/sys/net, which follows the reading thread's namespace.</summary>
    public static string ReadSysctl(string path) => HostNamespace.Run(() => File.ReadAllText(path));

    /// <summary>Reads a file of the host's /proc/net through the reading thread's own view.</summary>
    public static string ReadProcNet(string fileName) =>
        HostNamespace.Run(() => File.ReadAllText($"/proc/thread-self/net/{fileName}"));

    /// <summary>Polls <paramref name="condition"/> until it is true or <paramref name="timeout"/> passes.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }
}
