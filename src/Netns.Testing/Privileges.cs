using System.Globalization;

namespace Netns.Testing;

/// <summary>Checks the capabilities that creating and configuring a namespace needs.</summary>
internal static class Privileges
{
    private const int CapNetAdmin = 12;
    private const int CapSysAdmin = 21;

    // The test host reaches its runner over 127.0.0.1, so lo must be up in the new namespace.
    public const string HowToRun =
        "Run the tests as root (for example sudo dotnet test), or inside a user namespace: " +
        "unshare --user --map-root-user --net sh -c 'ip link set lo up && exec dotnet test'";

    /// <summary>Returns the names of the missing capabilities of the calling thread, or an empty list.</summary>
    public static IReadOnlyList<string> GetMissingCapabilities()
    {
        ulong effective = ReadEffectiveCapabilities();
        var missing = new List<string>(2);
        if ((effective & (1UL << CapSysAdmin)) == 0)
        {
            missing.Add("CAP_SYS_ADMIN");
        }

        if ((effective & (1UL << CapNetAdmin)) == 0)
        {
            missing.Add("CAP_NET_ADMIN");
        }

        return missing;
    }

    public static string DescribeMissing(string namespaceName, IReadOnlyList<string> missing) =>
        $"Creating network namespace '{namespaceName}' failed: the process lacks {string.Join(" and ", missing)}, " +
        $"which creating and configuring network namespaces needs. {HowToRun}";

    private static ulong ReadEffectiveCapabilities()
    {
        foreach (string line in File.ReadLines("/proc/thread-self/status"))
        {
            if (line.StartsWith("CapEff:", StringComparison.Ordinal))
            {
                return ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
