using FluentAssertions;
using Netns.Testing.Netlink;

namespace Netns.Testing.FluentAssertions;

public partial class NetworkNamespaceAssertions
{
    /// <summary>
    /// Asserts that the namespace has a link named <paramref name="name"/>, and continues with
    /// assertions on it: <c>.HaveLink("eth0").ThatIsUp().WithMtu(1400)</c>.
    /// </summary>
    /// <param name="name">The interface name, such as "eth0".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public LinkAssertions HaveLink(string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string expectation = $"to have link {Quote(name)}";
        LinkInfo? link = null;
        if (CheckSubject(expectation, because, becauseArgs))
        {
            link = Subject.Netlink.GetLink(name);
            Check(link is not null, Phrase(expectation), () => $"namespace {Quote(Subject.Name)} has no such link", because, becauseArgs);
        }

        return new LinkAssertions(this, name, link);
    }

    /// <summary>Asserts that the namespace has no link named <paramref name="name"/>.</summary>
    /// <param name="name">The interface name, such as "eth0".</param>
    /// <param name="because">A phrase explaining why the assertion is needed, formatted with <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<NetworkNamespaceAssertions> NotHaveLink(string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string expectation = $"not to have link {Quote(name)}";
        if (CheckSubject(expectation, because, becauseArgs))
        {
            LinkInfo? link = Subject.Netlink.GetLink(name);
            Check(link is null, Phrase(expectation), () => $"namespace {Quote(Subject.Name)} has {NamespaceStateDump.DescribeLink(link!)}", because, becauseArgs);
        }

        return new AndConstraint<NetworkNamespaceAssertions>(this);
    }
}
