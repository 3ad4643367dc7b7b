using System.Globalization;
using FluentAssertions;
using Netns.Testing.Netlink;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Assertions on one link of a namespace, returned by <see cref="NetworkNamespaceAssertions.HaveLink"/>.
/// After a failure inside an assertion scope the link may be missing; the assertions then check nothing.
/// </summary>
public sealed class LinkAssertions
{
    private readonly NetworkNamespaceAssertions _parent;
    private readonly string _name;
    private readonly LinkInfo? _link;

    internal LinkAssertions(NetworkNamespaceAssertions parent, string name, LinkInfo? link)
    {
        _parent = parent;
        _name = name;
        _link = link;
    }

    /// <summary>Continues with assertions on the namespace.</summary>
    public NetworkNamespaceAssertions And => _parent;

    /// <summary>The link as the kernel reported it when <see cref="NetworkNamespaceAssertions.HaveLink"/> ran.</summary>
    /// <exception cref="InvalidOperationException">The link was not found.</exception>
    public LinkInfo Which => _link ?? throw new InvalidOperationException(
        $"Which is not available: the namespace has no link \"{_name}\", as the failed HaveLink reported.");

    /// <summary>Asserts that the link is administratively up (IFF_UP).</summary>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public LinkAssertions ThatIsUp(string because = "", params object[] becauseArgs)
    {
        if (_link is not null)
        {
            _parent.Check(_link.IsUp, Phrase("to be up"), () => $"it is DOWN, state {State(_link)}", because, becauseArgs);
        }

        return this;
    }

    /// <summary>Asserts that the link is administratively down.</summary>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public LinkAssertions ThatIsDown(string because = "", params object[] becauseArgs)
    {
        if (_link is not null)
        {
            _parent.Check(!_link.IsUp, Phrase("to be down"), () => $"it is UP, state {State(_link)}", because, becauseArgs);
        }

        return this;
    }

    /// <summary>Asserts the MTU of the link, in bytes.</summary>
    /// <param name="mtu">The expected MTU.</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public LinkAssertions WithMtu(int mtu, string because = "", params object[] becauseArgs)
    {
        if (_link is not null)
        {
            _parent.Check(
                _link.Mtu == mtu,
                Phrase($"to have MTU {mtu.ToString(CultureInfo.InvariantCulture)}"),
                () => $"it has MTU {_link.Mtu.ToString(CultureInfo.InvariantCulture)}",
                because,
                becauseArgs);
        }

        return this;
    }

    /// <summary>Asserts that the link carries <paramref name="address"/>, with the same prefix length.</summary>
    /// <param name="address">The address and prefix, such as "198.18.0.1/24" or "fd5e:7e57::1/64".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    /// <exception cref="FormatException"><paramref name="address"/> is not an address with a prefix length.</exception>
    [CustomAssertion]
    public LinkAssertions WithAddress(string address, string because = "", params object[] becauseArgs)
    {
        InterfaceAddress expected = InterfaceAddress.Parse(address);
        if (_link is not null)
        {
            IReadOnlyList<AddressInfo> addresses = _parent.Subject.Netlink.GetAddresses()
                .Where(a => a.InterfaceIndex == _link.Index)
                .ToList();
            _parent.Check(
                addresses.Any(a => a.Address == expected),
                Phrase($"to have address {expected}"),
                () => addresses.Count == 0 ? "it has no address" : $"it has {string.Join(", ", addresses.Select(NamespaceStateDump.DescribeAddress))}",
                because,
                becauseArgs);
        }

        return this;
    }

    private string Phrase(string expectation) =>
        Escaping.Escape($"link {NetworkNamespaceAssertions.Quote(_name)} of") + " {context:namespace} " + Escaping.Escape(expectation);

    private static string State(LinkInfo link) => link.OperationalState.ToString().ToLowerInvariant();
}
