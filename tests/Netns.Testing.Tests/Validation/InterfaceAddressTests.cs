using System.Net;
using System.Net.Sockets;

namespace Netns.Testing.Tests.Validation;

public class InterfaceAddressTests
{
    [Theory]
    [InlineData("198.18.0.1/24", "198.18.0.1", 24)]
    [InlineData(" 198.18.0.1/24 ", "198.18.0.1", 24)]
    [InlineData("198.18.0.1", "198.18.0.1", 32)]
    [InlineData("198.18.0.1/0", "198.18.0.1", 0)]
    [InlineData("fd5e:7e57::1/64", "fd5e:7e57::1", 64)]
    [InlineData("fd5e:7e57::1", "fd5e:7e57::1", 128)]
    public void Parse_ValidText_KeepsAddressAndPrefix(string text, string address, int prefixLength)
    {
        InterfaceAddress parsed = InterfaceAddress.Parse(text);

        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(prefixLength, parsed.PrefixLength);
    }

    [Fact]
    public void Network_ClearsHostBits()
    {
        InterfaceAddress parsed = InterfaceAddress.Parse("198.18.1.77/23");

        Assert.Equal(IPNetwork.Parse("198.18.0.0/23"), parsed.Network);
        Assert.Equal(IPAddress.Parse("198.18.1.77"), parsed.Address);
        Assert.Equal(AddressFamily.InterNetwork, parsed.AddressFamily);
    }

    [Fact]
    public void Network_Ipv6_ClearsHostBits()
    {
        InterfaceAddress parsed = InterfaceAddress.Parse("fd5e:7e57:1:2:3:4:5:6/60");

        Assert.Equal(IPNetwork.Parse("fd5e:7e57:1::/60"), parsed.Network);
    }

    [Theory]
    [InlineData("198.18.0.1/24")]
    [InlineData("fd5e:7e57::1/64")]
    public void ToString_RoundTrips(string text) => Assert.Equal(text, InterfaceAddress.Parse(text).ToString());

    [Theory]
    [InlineData("198.18.0.1/33", "'198.18.0.1/33' has an invalid prefix length; an IPv4 prefix is 0 to 32.")]
    [InlineData("fd5e::1/129", "'fd5e::1/129' has an invalid prefix length; an IPv6 prefix is 0 to 128.")]
    [InlineData("198.18.0.1/+8", "'198.18.0.1/+8' has an invalid prefix length; an IPv4 prefix is 0 to 32.")]
    [InlineData("198.18.0.1/2 4", "'198.18.0.1/2 4' has an invalid prefix length; an IPv4 prefix is 0 to 32.")]
    [InlineData("nonsense", "'nonsense' is not a valid IPv4 or IPv6 address; write it as address/prefix such as 198.18.0.1/24.")]
    [InlineData(
        "198.18/16",
        "'198.18/16' is not a valid IPv4 or IPv6 address; write it as address/prefix such as 198.18.0.1/24.")]
    [InlineData("", "An address is required, written as address/prefix such as 198.18.0.1/24.")]
    public void TryParse_InvalidText_ReturnsError(string text, string expected)
    {
        bool parsed = InterfaceAddress.TryParse(text, out _, out string? error);

        Assert.False(parsed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_Null_ReturnsError()
    {
        bool parsed = InterfaceAddress.TryParse(null, out _, out string? error);

        Assert.False(parsed);
        Assert.Equal("An address is required, written as address/prefix such as 198.18.0.1/24.", error);
    }

    [Fact]
    public void Parse_InvalidText_ThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => InterfaceAddress.Parse("198.18.0.1/33"));

        Assert.Equal("'198.18.0.1/33' has an invalid prefix length; an IPv4 prefix is 0 to 32.", exception.Message);
    }

    [Fact]
    public void Constructor_PrefixTooLong_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new InterfaceAddress(IPAddress.Parse("198.18.0.1"), 33));

        Assert.Equal("prefixLength", exception.ParamName);
        Assert.StartsWith("The prefix length of 198.18.0.1 must be between 0 and 32.", exception.Message);
    }
}
