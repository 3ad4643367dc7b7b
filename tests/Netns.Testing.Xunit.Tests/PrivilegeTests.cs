using System.Diagnostics;
using Netns.Testing.Xunit.Tests.Fixtures;
using Netns.Testing.Xunit.Tests.Harness;
using Xunit;

namespace Netns.Testing.Xunit.Tests;

/// <summary>
/// Runs a fixture in a child process as the unprivileged user 65534 through setpriv, so
/// creating a namespace fails for lack of CAP_SYS_ADMIN and CAP_NET_ADMIN, unless the child runs in a
/// user namespace of its own.
/// </summary>
public sealed class PrivilegeTests
{
    private const string Missing =
        "This test needs network namespaces, and creating them needs CAP_SYS_ADMIN and CAP_NET_ADMIN, which the " +
        "test process lacks. Run the tests as root (for example sudo dotnet test), or inside a user namespace: " +
        "unshare --user --map-root-user --net sh -c 'ip link set lo up && exec dotnet test'. " +
        "To report these tests as skipped instead, set " +
        "NETNS_TESTING_SKIP_UNPRIVILEGED=1.";

    [Fact]
    public async Task Unprivileged_FailsEachNamespacedTest()
    {
        List<FixtureResult> results = await RunUnprivilegedAsync(skip: false);

        foreach (string test in new[] { "Fact", "Theory" })
        {
            FixtureResult result = Single(results, test);
            Assert.Equal("Failed", result.Outcome);
            Assert.Equal("Netns.Testing.MissingPrivilegesException", result.ExceptionType);
            Assert.Equal(Missing, result.Message);
        }

        Assert.Equal("Netns.Testing.TopologyValidationException", Single(results, "Invalid").ExceptionType);
        Assert.Equal("Passed", Single(results, "HostTest").Outcome);
    }

    [Fact]
    public async Task UnprivilegedWithSkipVariable_SkipsNamespacedTests()
    {
        List<FixtureResult> results = await RunUnprivilegedAsync(skip: true);

        foreach (string test in new[] { "Fact", "Theory" })
        {
            FixtureResult result = Single(results, test);
            Assert.Equal("Skipped", result.Outcome);
            Assert.Equal(Missing, result.Message);
        }

        Assert.Equal("Failed", Single(results, "Invalid").Outcome);
        Assert.Equal("Passed", Single(results, "HostTest").Outcome);
    }

    [Fact]
    public async Task UnprivilegedInUserNamespace_RunsNamespacedTests()
    {
        List<FixtureResult> results = await RunUnprivilegedAsync(skip: false, userNamespace: true);

        FixtureAssert.Passed(Single(results, "Fact"));
        FixtureAssert.Passed(Single(results, "Theory"));
        Assert.Equal("Netns.Testing.TopologyValidationException", Single(results, "Invalid").ExceptionType);
        FixtureAssert.Passed(Single(results, "HostTest"));
    }

    private static FixtureResult Single(List<FixtureResult> results, string test) =>
        Assert.Single(results, r => r.DisplayName.EndsWith($".{test}", StringComparison.Ordinal) ||
            r.DisplayName.Contains($".{test}(", StringComparison.Ordinal));

    private static async Task<List<FixtureResult>> RunUnprivilegedAsync(bool skip, bool userNamespace = false)
    {
        // The test host runs under the dotnet muxer, which runs this assembly's entry point too.
        string dotnet = Environment.ProcessPath is string path && Path.GetFileName(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo("setpriv")
        {
            ArgumentList =
            {
                "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                dotnet,
                typeof(PrivilegeTests).Assembly.Location,
                "run-fixture", typeof(NeedsPrivileges).FullName!,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" },
        };
        if (userNamespace)
        {
            // A user namespace in which the user is root, with a network namespace of its own.
            int at = start.ArgumentList.IndexOf(dotnet);
            foreach (string argument in new[] { "unshare", "--user", "--map-root-user", "--net" })
            {
                start.ArgumentList.Insert(at++, argument);
            }
        }

        start.Environment.Remove(PrivilegeVariable);
        if (skip)
        {
            start.Environment[PrivilegeVariable] = "1";
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The child exited with {process.ExitCode}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FixtureResult.FromLine).ToList();
    }

    private const string PrivilegeVariable = "NETNS_TESTING_SKIP_UNPRIVILEGED";
}
