using System.Diagnostics;

namespace Netns.Testing.Tests.Support;

/// <summary>
/// Counts the live network namespaces of the whole machine from /proc/slabinfo. The shrink first
/// drops cached free slab objects, which would otherwise inflate the active count.
/// </summary>
internal static class NamespaceCounter
{
    /// <summary>
    /// Returns the count after letting the kernel free closed namespaces. The kernel frees them
    /// asynchronously, and on this machine kind (Linux 6.18) it can defer that for tens of
    /// seconds until the next namespace is created, so the count is read after creating and
    /// closing a probe namespace. The probe itself may still be counted, in the baseline too.
    /// </summary>
    public static int CountSettled()
    {
        for (int i = 0; i < 2; i++)
        {
            using (NetworkNamespace.Create("probe"))
            {
            }

            Thread.Sleep(50);
        }

        return Count();
    }

    /// <summary>Polls <see cref="CountSettled"/> until it is at most <paramref name="baseline"/>; returns the last count.</summary>
    public static int WaitForAtMost(int baseline, TimeSpan timeout)
    {
        long started = Stopwatch.GetTimestamp();
        int count = CountSettled();
        while (count > baseline && Stopwatch.GetElapsedTime(started) < timeout)
        {
            count = CountSettled();
        }

        return count;
    }

    private static int Count()
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
}
