namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Finds out once per process whether network namespaces can be created, so every namespaced test
/// reports the same message when they cannot, or is skipped when the user opts in.
/// </summary>
internal static class PrivilegeCheck
{
    /// <summary>The environment variable that turns missing privileges into skipped tests when set to 1 or true.</summary>
    public const string SkipVariable = "NETNS_TESTING_SKIP_UNPRIVILEGED";

    // Whether the process may create namespaces does not change while it runs.
    private static readonly Lazy<MissingPrivilegesException?> s_missing = new(Probe);

    /// <summary>The failure to report for every namespaced test, or null when namespaces can be created.</summary>
    public static MissingPrivilegesException? Missing => s_missing.Value;

    /// <summary>Whether tests should be skipped, not failed, when privileges are missing.</summary>
    public static bool SkipWhenUnprivileged =>
        Environment.GetEnvironmentVariable(SkipVariable) is string value &&
        (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the message for missing capabilities, naming them and how to run instead.</summary>
    public static string Describe(IReadOnlyList<string> missingCapabilities) =>
        $"This test needs network namespaces, and creating them needs {string.Join(" and ", missingCapabilities)}, " +
        "which the test process lacks. Run the tests as root (for example sudo dotnet test), or inside a user " +
        "namespace: unshare --user --map-root-user --net sh -c 'ip link set lo up && exec dotnet test'. " +
        "To report these tests as skipped instead, " +
        $"set {SkipVariable}=1.";

    /// <summary>Replaces a missing-privileges failure, possibly wrapped by a build failure, with the one message.</summary>
    public static Exception Translate(Exception exception) => exception switch
    {
        MissingPrivilegesException missing => FromCore(missing),
        TopologyBuildException { InnerException: MissingPrivilegesException missing } => FromCore(missing),
        _ => exception,
    };

    private static MissingPrivilegesException FromCore(MissingPrivilegesException e) =>
        new(Describe(e.MissingCapabilities), e.MissingCapabilities, e.Errno);

    private static MissingPrivilegesException? Probe()
    {
        try
        {
            using NetworkNamespace probe = NetworkNamespace.Create("netns-testing-probe");
            return null;
        }
        catch (MissingPrivilegesException e)
        {
            return FromCore(e);
        }
        catch (NetworkNamespaceException)
        {
            // Other failures are reported by each test's own build, with the step that failed.
            return null;
        }
    }
}
