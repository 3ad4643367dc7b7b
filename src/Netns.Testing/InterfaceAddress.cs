using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Netns.Testing;

/// <summary>
/// An address assigned to an interface together with its prefix length, such as
/// <c>198.18.0.1/24</c> or <c>fd5e:7e57::1/64</c>. Unlike <see cref="IPNetwork"/> it keeps host bits.
/// </summary>
public readonly record struct InterfaceAddress
{
    /// <summary>Initializes an address with a prefix length valid for its family.</summary>
    public InterfaceAddress(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        int max = MaxPrefixLength(address.AddressFamily);
        if (prefixLength < 0 || prefixLength > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(prefixLength), prefixLength, $"The prefix length of {address} must be between 0 and {max}.");
        }

        Address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <summary>The prefix length in bits.</summary>
    public int PrefixLength { get; }

    /// <summary>The address family: IPv4 or IPv6.</summary>
    public AddressFamily AddressFamily => Address.AddressFamily;

    /// <summary>The network the address is on, with the host bits cleared.</summary>
    public IPNetwork Network => new(MaskHostBits(Address, PrefixLength), PrefixLength);

    /// <summary>Parses "address/prefix"; an address without a prefix gets /32 or /128.</summary>
    /// <exception cref="FormatException">The text is not a valid address with a valid prefix length.</exception>
    public static InterfaceAddress Parse(string text)
    {
        if (!TryParse(text, out InterfaceAddress result, out string? error))
        {
            throw new FormatException(error);
        }

        return result;
    }

    /// <summary>Tries to parse "address/prefix", returning why the text is invalid when it is.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        out InterfaceAddress result,
        [NotNullWhen(false)] out string? error)
    {
        ParseFailure failure = TryParseCore(text, out result, out AddressFamily family);
        error = failure switch
        {
            ParseFailure.None => null,
            ParseFailure.Missing => "An address is required, written as address/prefix such as 198.18.0.1/24.",
            ParseFailure.InvalidAddress =>
                $"'{text}' is not a valid IPv4 or IPv6 address; write it as address/prefix such as 198.18.0.1/24.",
            _ => $"'{text}' has an invalid prefix length; an {FamilyName(family)} prefix is 0 to {MaxPrefixLength(family)}.",
        };
        return failure == ParseFailure.None;
    }

    /// <summary>
    /// Tries to parse "address/prefix". On failure, <paramref name="rule"/> states the rule the text
    /// breaks without repeating the text, for messages that show the text next to it.
    /// </summary>
    internal static bool TryParseWithRule(string? text, out InterfaceAddress result, [NotNullWhen(false)] out string? rule)
    {
        ParseFailure failure = TryParseCore(text, out result, out AddressFamily family);
        rule = failure switch
        {
            ParseFailure.None => null,
            ParseFailure.Missing => "an address is required, written as address/prefix such as 198.18.0.1/24",
            ParseFailure.InvalidAddress => "an address is an IPv4 or IPv6 address with a prefix length, such as 198.18.0.1/24",
            _ => $"an {FamilyName(family)} prefix length is 0 to {MaxPrefixLength(family)}",
        };
        return failure == ParseFailure.None;
    }

    private static ParseFailure TryParseCore(string? text, out InterfaceAddress result, out AddressFamily family)
    {
        result = default;
        family = AddressFamily.Unspecified;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseFailure.Missing;
        }

        string trimmed = text.Trim();
        int slash = trimmed.IndexOf('/');
        string addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out IPAddress? address) ||
            address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) ||
            (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            return ParseFailure.InvalidAddress;
        }

        family = address.AddressFamily;
        int max = MaxPrefixLength(family);
        int prefixLength = max;
        if (slash >= 0 &&
            (!int.TryParse(trimmed.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out prefixLength) ||
             prefixLength > max))
        {
            return ParseFailure.InvalidPrefixLength;
        }

        result = new InterfaceAddress(address, prefixLength);
        return ParseFailure.None;
    }

    /// <summary>Formats the address as "address/prefix".</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";

    internal static int MaxPrefixLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    internal static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    internal static IPAddress MaskHostBits(IPAddress address, int prefixLength)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int bitsInByte = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }

        return new IPAddress(bytes);
    }

    private enum ParseFailure
    {
        None,
        Missing,
        InvalidAddress,
        InvalidPrefixLength,
    }
}
