using System.Diagnostics;
using NUnit.Framework;

namespace Netns.Testing.NUnit.Tests;

/// <summary>
/// Runs a fixture of this assembly in a child test host that setpriv(1) started without
/// CAP_SYS_ADMIN and CAP_NET_ADMIN, and reads the child's console report.
/// </summary>
public class PrivilegeTests
{
    private const string SkipVariable = "NETNS_TESTING_SKIP_UNPRIVILEGED";

    private const string MissingMessage =
        "Creating network namespace 'client' failed: the process lacks CAP_SYS_ADMIN and CAP_NET_ADMIN, which creating " +
        "and configuring network namespaces needs. Run the tests as root (for example sudo dotnet test), or inside a " +
        "user namespace: unshare --user --map-root-user --net sh -c 'ip link set lo up && exec dotnet test'";

    [Test]
    public async Task MissingPrivileges_FailWithOneMessage()
    {
        string output = await RunUnprivilegedAsync(skip: false);

        Assert.That(output, Does.Contain("Failed NeedsNamespaces"));
        Assert.That(output, Does.Contain("Error Message:" + Environment.NewLine + "   " + MissingMessage + Environment.NewLine));
    }

    [Test]
    public async Task MissingPrivileges_WithOptIn_AreSkipped()
    {
        string output = await RunUnprivilegedAsync(skip: true);

        Assert.That(output, Does.Contain("Skipped NeedsNamespaces"));
        Assert.That(output, Does.Not.Contain("Failed NeedsNamespaces"));
    }

    private static async Task<string> RunUnprivilegedAsync(bool skip)
    {
        if (!File.Exists("/usr/bin/setpriv"))
        {
            Assert.Ignore("setpriv(1) is not installed, so no unprivileged child process can be started.");
        }

        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            ArgumentList =
            {
                "--inh-caps=-sys_admin,-net_admin", "--bounding-set=-sys_admin,-net_admin",
                "dotnet", "test", typeof(PrivilegeTests).Assembly.Location,
                "--filter", $"FullyQualifiedName~{nameof(PrivilegeTests)}+{nameof(Unprivileged)}",
                "--logger", "console;verbosity=normal",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[SkipVariable] = skip ? "1" : "0";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using Process child = Process.Start(start)!;
        Task<string> error = child.StandardError.ReadToEndAsync(cancel.Token);
        string output = await child.StandardOutput.ReadToEndAsync(cancel.Token);
        await child.WaitForExitAsync(cancel.Token);
        TestContext.Out.WriteLine(output + await error);
        return output;
    }

    [Explicit("Runs in an unprivileged child process from PrivilegeTests")]
    [NetNamespace("client")]
    public class Unprivileged
    {
        [Test]
        public void NeedsNamespaces() => Assert.Fail("the body ran without a topology");
    }
}
