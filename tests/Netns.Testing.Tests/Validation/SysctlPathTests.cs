namespace Netns.Testing.Tests.Validation;

public class SysctlPathTests
{
    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net/ipv4/ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net.ipv6.conf.all.forwarding", "/proc/sys/net/ipv6/conf/all/forwarding")]
    public void NetName_MapsToProcSys(string name, string expected) =>
        Assert.Equal(expected, NetworkNamespace.GetSysctlPath(name));

    [Theory]
    [InlineData("kernel.hostname")]
    [InlineData("vm.swappiness")]
    [InlineData("network.x")]
    [InlineData("net/../kernel/hostname")]
    [InlineData("net/ipv4/../../kernel/hostname")]
    public void NonNetName_IsRejected(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => NetworkNamespace.GetSysctlPath(name));

        Assert.Equal("name", exception.ParamName);
        Assert.StartsWith(
            $"'{name}' is not a net sysctl; only names under net., such as net.ipv4.ip_forward, belong to a network namespace.",
            exception.Message);
    }

    [Fact]
    public void EmptyName_IsRejected() => Assert.Throws<ArgumentException>(() => NetworkNamespace.GetSysctlPath(" "));
}
