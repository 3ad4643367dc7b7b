using System.Globalization;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Builds and tears down topologies for the adapter, reports each on one output line, and finds
/// threads left in their namespaces.
/// </summary>
internal static class TopologyLifetime
{
    /// <summary>The opt-in environment variable that reports tests as skipped when privileges are missing.</summary>
    public const string SkipUnprivilegedVariable = "NETNS_TESTING_SKIP_UNPRIVILEGED";

    // Idle pool threads take the restoring items at once. A busy one, such as the test host's own
    // waiting thread, cannot, so the restore waits this long for it before the check goes on.
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMilliseconds(100);

    public static bool SkipUnprivileged =>
        Environment.GetEnvironmentVariable(SkipUnprivilegedVariable) is string value &&
        (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    public static Topology Build(TopologySpec spec, TestExecutionContext context)
    {
        HostNamespace.EnsureInitialized();
        // Building on the pool keeps a SynchronizationContext of the calling thread out of its awaits.
        CancellationToken cancellationToken = context.CancellationToken;
        Topology topology = Task.Run(() => Topology.BuildAsync(spec, logger: null, cancellationToken))
            .GetAwaiter().GetResult();
        context.OutWriter.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"netns: topology up in {topology.SetupTime.TotalMilliseconds:0.0} ms: {topology}"));
        return topology;
    }

    /// <summary>
    /// Disposes the topology and returns the threads still in any of its namespaces afterwards,
    /// named by namespace. The namespaces are recorded before disposal removes them.
    /// </summary>
    public static IReadOnlyList<ThreadNamespaceInfo> TearDown(Topology topology, TextWriter output)
    {
        Dictionary<ulong, string> names = topology.Namespaces.Values.ToDictionary(n => n.Inode, n => n.Name);
        using IDisposable pin = NamespaceThreads.KeepAlive(topology.Namespaces.Values);
        topology.Dispose();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"netns: topology down in {topology.TeardownTime.TotalMilliseconds:0.0} ms: {topology.Spec}"));
        NamespaceThreads.RestoreThreadPoolThreads(s_restoreTimeout);
        return NamespaceThreads.FindThreadsOutsideHost()
            .Where(t => names.ContainsKey(t.Inode))
            .Select(t => t with { NamespaceName = names[t.Inode] })
            .ToList();
    }

    /// <summary>Returns the threads in a topology that stays up, other than the library's own.</summary>
    public static IReadOnlyList<ThreadNamespaceInfo> FindThreads(Topology topology)
    {
        NamespaceThreads.RestoreThreadPoolThreads(s_restoreTimeout);
        return NamespaceThreads.FindThreadsIn(topology.Namespaces.Values);
    }

    public static string DescribeLeftThreads(IReadOnlyList<ThreadNamespaceInfo> threads) =>
        $"{threads.Count} thread{(threads.Count == 1 ? " was" : "s were")} left in the test's network namespaces " +
        "after it ended. Stop and join every thread the test starts, and cancel its pending work:" +
        string.Concat(threads.Select(t => Environment.NewLine + "  - " + t));

    /// <summary>Returns the missing-privileges error behind <paramref name="exception"/>, if there is one.</summary>
    public static MissingPrivilegesException? FindMissingPrivileges(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is MissingPrivilegesException missing)
            {
                return missing;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds a failure to a test's result without losing an earlier one: both end up in the message,
    /// as NUnit reports several failed assertions.
    /// </summary>
    public static void AddFailure(TestResult result, string message)
    {
        if (result.ResultState.Status != TestStatus.Passed && result.AssertionResults.Count == 0 && result.Message.Length > 0)
        {
            AssertionStatus status = result.ResultState.Label == ResultState.Error.Label ? AssertionStatus.Error : AssertionStatus.Failed;
            result.RecordAssertion(status, result.Message, result.StackTrace);
        }

        result.RecordAssertion(AssertionStatus.Failed, message);
        result.RecordTestCompletion();
    }
}
