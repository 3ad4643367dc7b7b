namespace Netns.Testing;

/// <summary>One problem in a topology declaration.</summary>
/// <param name="Element">The declaring element, as its attribute reads: <c>[VethLink("ns1", "eth0", "ns2", "eth0")]</c>.</param>
/// <param name="Value">The offending value.</param>
/// <param name="Rule">The rule the value breaks, phrased so it states the fix.</param>
public sealed record TopologyProblem(string Element, string Value, string Rule)
{
    /// <summary>Formats the problem as "element: value: rule".</summary>
    /// <remarks>Some rules come from parser messages that already end with a period.</remarks>
    public override string ToString() => $"{Element}: {Value}: {Rule.TrimEnd('.')}.";
}

/// <summary>A topology declaration with one or more problems, all listed in the message.</summary>
public sealed class TopologyValidationException : Exception
{
    /// <summary>Initializes an exception listing <paramref name="problems"/>.</summary>
    public TopologyValidationException(IReadOnlyList<TopologyProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<TopologyProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<TopologyProblem> problems) =>
        $"The network topology declaration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was created:" +
        Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}

/// <summary>
/// A step of building a topology failed; everything built before it was removed. The message names
/// the step, and <see cref="Exception.InnerException"/> is the cause.
/// </summary>
public sealed class TopologyBuildException : Exception
{
    /// <summary>Initializes an exception for a failed step.</summary>
    public TopologyBuildException(string step, Exception innerException)
        : base(
            $"Building the network topology failed at step '{step}', and everything built before it was removed: " +
            innerException.Message,
            innerException)
    {
        Step = step;
    }

    /// <summary>The step that failed, such as "Creating veth 'eth0' in namespace 'ns1'".</summary>
    public string Step { get; }
}
