using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace Netns.Testing.FluentAssertions;

/// <summary>
/// Assertions on a network namespace: what it reaches, its links, routes and listening sockets.
/// Every check runs in the namespace itself, and every failure ends with the namespace's links,
/// addresses and routes, one per line.
/// </summary>
public partial class NetworkNamespaceAssertions : ReferenceTypeAssertions<NetworkNamespace, NetworkNamespaceAssertions>
{
    /// <summary>How long a reachability probe waits when no timeout is given: 2 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Initializes the assertions on <paramref name="subject"/>.</summary>
    public NetworkNamespaceAssertions(NetworkNamespace subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "namespace";

    /// <summary>
    /// Fails with "Expected {context} {expectation}, but found &lt;null&gt;." when there is no
    /// namespace, or with a matching message when it was disposed; returns whether the subject is usable.
    /// </summary>
    [CustomAssertion]
    internal bool CheckSubject(string expectation, string because, object[] becauseArgs)
    {
        if (Subject is null)
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .FailWith("Expected {context:namespace} " + Escaping.Escape(expectation) + "{reason}, but found <null>.");
            return false;
        }

        if (Subject.IsDisposed)
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .FailWith("Expected {context:namespace} " + Escaping.Escape(expectation) +
                    "{reason}, but namespace " + Escaping.Escape(Quote(Subject.Name)) + " was disposed.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Fails, unless <paramref name="condition"/> holds, with "Expected {subject} {expectation},
    /// but {outcome}." followed by the state of the namespace, which is read only on failure.
    /// </summary>
    /// <param name="condition">Whether the assertion holds.</param>
    /// <param name="phrase">What was expected, escaped and with its {context:namespace}; see <see cref="Phrase"/>.</param>
    /// <param name="outcome">What was found instead, as plain text.</param>
    /// <param name="because">The reason the caller gave.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    internal bool Check(bool condition, string phrase, Func<string> outcome, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(condition)
            .FailWith(() => new FailReason(
                "Expected " + phrase + "{reason}, but " + Escaping.Escape(outcome()) + "." +
                Escaping.Escape(NamespaceStateDump.Describe(Subject))));

    /// <summary>Returns "{context:namespace} " and the escaped <paramref name="expectation"/>.</summary>
    internal static string Phrase(string expectation) => "{context:namespace} " + Escaping.Escape(expectation);

    internal static string Quote(string text) => "\"" + text + "\"";
}
