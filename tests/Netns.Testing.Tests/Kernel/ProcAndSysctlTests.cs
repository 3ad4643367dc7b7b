using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.Tests.Kernel;

public class ProcAndSysctlTests
{
    private const string IPForwardPath = "/proc/sys/net/ipv4/ip_forward";

    [Fact]
    public void ReadProcNetFile_ShowsOwnListenersOnly()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("proc-tcp");
        using Socket listener = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using Socket decoy = HostNamespace.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        decoy.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        decoy.Listen();

        string tcp = ns.ReadProcNetFile("tcp");
        string hostTcp = HostView.ReadProcNet("tcp");

        // /proc/net/tcp lists "0100007F:PORT" in hex with state 0A (LISTEN).
        string own = $"0100007F:{((IPEndPoint)listener.LocalEndPoint!).Port:X4} 00000000:0000 0A";
        string host = $"0100007F:{((IPEndPoint)decoy.LocalEndPoint!).Port:X4} 00000000:0000 0A";
        Assert.Contains(own, tcp);
        Assert.DoesNotContain(host, tcp);
        Assert.Contains(host, hostTcp);
        Assert.DoesNotContain(own, hostTcp);
    }

    [Theory]
    [InlineData("../tcp")]
    [InlineData("/etc/passwd")]
    public void ReadProcNetFile_PathOutside_Throws(string fileName)
    {
        using NetworkNamespace ns = NetworkNamespace.Create("proc-path");

        var exception = Assert.Throws<ArgumentException>(() => ns.ReadProcNetFile(fileName));

        Assert.StartsWith($"'{fileName}' is not a file name under /proc/net;", exception.Message);
    }

    [Fact]
    public void WriteSysctl_ChangesNamespaceOnly()
    {
        string hostBefore = HostView.ReadSysctl(IPForwardPath);
        using NetworkNamespace ns = NetworkNamespace.Create("sysctl");

        string initial = ns.ReadSysctl("net.ipv4.ip_forward");
        ns.WriteSysctl("net.ipv4.ip_forward", "1");
        string changed = ns.ReadSysctl("net.ipv4.ip_forward");
        string hostAfter = HostView.ReadSysctl(IPForwardPath);

        Assert.Equal("0", initial);
        Assert.Equal("1", changed);
        Assert.Equal(hostBefore, hostAfter);
    }

    [Fact]
    public void WriteSysctl_NonNetName_Throws()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("sysctl-kernel");

        Assert.Throws<ArgumentException>(() => ns.WriteSysctl("kernel.hostname", "x"));
    }

    [Fact]
    public void WriteSysctl_Missing_ThrowsWithName()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("sysctl-missing");

        var exception = Assert.Throws<NetworkNamespaceException>(() => ns.WriteSysctl("net.ipv4.no_such_setting", "1"));

        Assert.StartsWith(
            "Writing sysctl 'net.ipv4.no_such_setting' = '1' in namespace 'sysctl-missing' failed:",
            exception.Message);
    }

    [Fact]
    public void Options_Default_DisablesDad()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("options-default");

        Assert.Equal("0", ns.ReadSysctl("net.ipv6.conf.default.accept_dad"));
        Assert.Equal("0", ns.ReadSysctl("net.ipv4.ip_forward"));
    }

    [Fact]
    public void Options_IPForwarding_SetsBothFamilies()
    {
        string hostBefore = HostView.ReadSysctl(IPForwardPath);
        using NetworkNamespace ns = NetworkNamespace.Create("router", new NamespaceOptions { IPForwarding = true });

        Assert.Equal("1", ns.ReadSysctl("net.ipv4.ip_forward"));
        Assert.Equal("1", ns.ReadSysctl("net.ipv6.conf.all.forwarding"));
        Assert.Equal(hostBefore, HostView.ReadSysctl(IPForwardPath));
    }

    [Fact]
    public void Options_AllowUnprivilegedPing_OpensRange()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("ping", new NamespaceOptions { AllowUnprivilegedPing = true });

        Assert.Equal("0\t2147483647", ns.ReadSysctl("net.ipv4.ping_group_range"));
    }

    [Fact]
    public void Options_Sysctls_AreApplied()
    {
        var options = new NamespaceOptions
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_syn_retries"] = "2", ["net/ipv4/tcp_fin_timeout"] = "7" },
        };

        using NetworkNamespace ns = NetworkNamespace.Create("sysctls", options);

        Assert.Equal("2", ns.ReadSysctl("net.ipv4.tcp_syn_retries"));
        Assert.Equal("7", ns.ReadSysctl("net.ipv4.tcp_fin_timeout"));
    }

    [Fact]
    public void Options_InvalidSysctl_FailsCreate()
    {
        var options = new NamespaceOptions { Sysctls = new Dictionary<string, string> { ["vm.swappiness"] = "1" } };

        var exception = Assert.Throws<ArgumentException>(() => NetworkNamespace.Create("bad-sysctl", options));

        Assert.StartsWith("NamespaceOptions.Sysctls of namespace 'bad-sysctl': 'vm.swappiness' is not a net sysctl;", exception.Message);
        Assert.Equal("options", exception.ParamName);
    }
}
