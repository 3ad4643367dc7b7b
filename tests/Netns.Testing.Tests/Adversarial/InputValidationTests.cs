using Netns.Testing.Netlink;
using Xunit;

namespace Netns.Testing.Tests.Adversarial;

public class InputValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Create_BlankName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => NetworkNamespace.Create(name));
    }

    [Fact]
    public void Create_NullName_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => NetworkNamespace.Create(null!));
    }

    [Fact]
    public async Task CreateAsync_BlankName_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NetworkNamespace.CreateAsync(" "));
    }

    [Theory]
    [InlineData("kernel.hostname")]
    [InlineData("../../etc/passwd")]
    [InlineData("net/../../../etc/passwd")]
    [InlineData("net.ipv4/../../kernel/hostname")]
    [InlineData("/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net")]
    public void WriteSysctl_OutsideNet_ThrowsNamingValue(string name)
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-sysctl-name");

        var exception = Assert.Throws<ArgumentException>(() => ns.WriteSysctl(name, "1"));

        Assert.Contains($"'{name}'", exception.Message);
    }

    [Fact]
    public void WriteSysctl_EmptyValue_ThrowsAndKeepsValue()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-sysctl-empty");
        ns.WriteSysctl("net.ipv4.ip_default_ttl", "77");

        // write(2) of zero bytes to a sysctl returns 0 and changes nothing.
        var exception = Assert.Throws<NetworkNamespaceException>(() => ns.WriteSysctl("net.ipv4.ip_default_ttl", ""));

        Assert.Equal(
            "Writing sysctl 'net.ipv4.ip_default_ttl' = '' in namespace 'adv-sysctl-empty' failed: " +
            "the value is empty, and the kernel ignores an empty write.",
            exception.Message);
        Assert.Equal("77", ns.ReadSysctl("net.ipv4.ip_default_ttl"));
    }

    [Theory]
    [InlineData("../self/environ")]
    [InlineData("tcp/../../environ")]
    [InlineData("/etc/passwd")]
    [InlineData(".")]
    [InlineData("dev/")]
    public void ReadProcNetFile_OutsideProcNet_ThrowsNamingValue(string fileName)
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-procnet-name");

        var exception = Assert.Throws<ArgumentException>(() => ns.ReadProcNetFile(fileName));

        Assert.Contains($"'{fileName}'", exception.Message);
    }

    [Fact]
    public void ReadProcNetFile_Subdirectory_Reads()
    {
        using NetworkNamespace ns = NetworkNamespace.Create("adv-procnet-subdir");

        string lo = ns.ReadProcNetFile("dev_snmp6/lo");

        Assert.Contains("Ip6InReceives", lo);
    }

    [Theory]
    [InlineData("abcdefghijklmnop", "peer0")]
    [InlineData("veth0", "abcdefghijklmnop")]
    public void CreateVeth_NameTooLong_ThrowsAndLeavesNothing(string name, string peerName)
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-long-name-1");
        using NetworkNamespace ns2 = NetworkNamespace.Create("adv-long-name-2");
        int linksBefore1 = ns1.Netlink.GetLinks().Count;
        int linksBefore2 = ns2.Netlink.GetLinks().Count;

        Exception exception = Assert.ThrowsAny<Exception>(() => ns1.Netlink.CreateVeth(name, peerName, ns2));

        Assert.True(exception is ArgumentException or NetlinkException, exception.ToString());
        Assert.Contains("abcdefghijklmnop", exception.Message);
        Assert.Contains("15", exception.Message);
        Assert.Equal(linksBefore1, ns1.Netlink.GetLinks().Count);
        Assert.Equal(linksBefore2, ns2.Netlink.GetLinks().Count);
    }

    [Fact]
    public void CreateVeth_PeerNamespaceDisposed_ThrowsNamingIt()
    {
        using NetworkNamespace ns1 = NetworkNamespace.Create("adv-peer-live");
        NetworkNamespace ns2 = NetworkNamespace.Create("adv-peer-disposed");
        ns2.Dispose();
        int linksBefore = ns1.Netlink.GetLinks().Count;

        var exception = Assert.Throws<ObjectDisposedException>(() => ns1.Netlink.CreateVeth("veth0", "veth1", ns2));

        Assert.Contains("adv-peer-disposed", exception.Message);
        Assert.Equal(linksBefore, ns1.Netlink.GetLinks().Count);
    }
}
