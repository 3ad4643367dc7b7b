using System.Diagnostics;

namespace Netns.Testing.Tests.Support;

/// <summary>
/// Counts the live network namespaces of the whole machine from /proc/slabinfo. The shrink first
/// drops cached free slab objects, which would otherwise inflate the active count.
/// </summary>
internal static class NamespaceCounter
{
    public static int Count()
    {
        File.WriteAllText("/sys/kernel/slab/net_namespace/shrink", "1");
        foreach (string line in File.ReadLines("/proc/slabinfo"))
        {
            if (line.StartsWith("net_namespace ", StringComparison.Ordinal))
            {
                return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
        }

        throw new InvalidOperationException("/proc/slabinfo has no net_namespace line.");
    }

    /// <summary>
    /// Polls until the count is at most <paramref name="baseline"/>: the kernel frees a namespace
    /// asynchronously, about 50 ms after its last reference goes. Returns the last count seen.
    /// </summary>
    public static int WaitForAtMost(int baseline, TimeSpan timeout)
    {
        long started = Stopwatch.GetTimestamp();
        int count = Count();
        while (count > baseline && Stopwatch.GetElapsedTime(started) < timeout)
        {
            Thread.Sleep(20);
            count = Count();
        }

        return count;
    }
}
