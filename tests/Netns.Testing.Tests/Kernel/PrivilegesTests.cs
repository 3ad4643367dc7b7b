using System.Diagnostics;
using System.Reflection;

namespace Netns.Testing.Tests.Kernel;

/// <summary>
/// Runs the TwoNamespaces sample as the unprivileged user nobody (65534), with setpriv from
/// util-linux, once as is and once inside a user namespace made by unshare.
/// </summary>
public class PrivilegesTests
{
    private const string Nobody = "65534";

    private static readonly string s_samplePath = Path.GetFullPath(typeof(PrivilegesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TwoNamespacesPath").Value!);

    [Fact]
    public async Task Unprivileged_ReportsMissingCapabilities()
    {
        (int exitCode, string output, string error) = await RunAsNobodyAsync("dotnet", s_samplePath);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Creating network namespace 'ns1' failed: the process lacks CAP_SYS_ADMIN and CAP_NET_ADMIN", error);
        Assert.Contains("unshare --user --map-root-user --net", error);
        Assert.DoesNotContain("FailFast", error);
    }

    [Fact]
    public async Task UserNamespace_RunsSample()
    {
        (int exitCode, string output, string error) = await RunAsNobodyAsync(
            "unshare", "--user", "--map-root-user", "--net", "dotnet", s_samplePath);

        Assert.True(exitCode == 0, $"exit code {exitCode}, stderr: {error}");
        Assert.Contains("TCP echo: ns1 sent \"hello from ns1\" to the server in ns2 at 198.18.0.2:7007 and got back \"hello from ns1\"", output);
        Assert.Contains("Torn down", output);
    }

    [Fact]
    public async Task UserNamespaceWithoutNet_FailsWithMessage()
    {
        // The process can create namespaces there, but its threads cannot enter the host's again.
        (int exitCode, string output, string error) = await RunAsNobodyAsync(
            "unshare", "--user", "--map-root-user", "dotnet", s_samplePath);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("cannot enter the host namespace again (setns returned Operation not permitted (EPERM))", error);
        Assert.Contains("unshare --user --map-root-user --net sh -c 'ip link set lo up && exec dotnet test'", error);
        Assert.DoesNotContain("FailFast", error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsNobodyAsync(params string[] command)
    {
        Assert.True(File.Exists(s_samplePath), $"The sample is not built at {s_samplePath}.");
        (int readable, _, _) = await StartAsNobodyAsync("test", "-r", s_samplePath);
        Assert.True(
            readable == 0,
            $"User nobody cannot read {s_samplePath}; make the checkout readable by all users (chmod -R o+rX).");
        return await StartAsNobodyAsync(command);
    }

    private static async Task<(int ExitCode, string Output, string Error)> StartAsNobodyAsync(params string[] command)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        foreach (string argument in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--inh-caps=-all" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string argument in command)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // nobody has no writable home, and the sample needs none.
        startInfo.Environment["HOME"] = "/tmp";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
