namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>The results of running one fixture class, with class-level cleanup failures.</summary>
internal sealed class FixtureRun
{
    public List<FixtureResult> Results { get; } = [];

    public List<string> CleanupFailures { get; } = [];

    public List<string> DiagnosticMessages { get; } = [];

    /// <summary>Returns the single result whose display name contains <paramref name="name"/>.</summary>
    public FixtureResult this[string name]
    {
        get
        {
            List<FixtureResult> matches = Results.Where(r => r.DisplayName.Contains(name, StringComparison.Ordinal)).ToList();
            return matches.Count == 1
                ? matches[0]
                : throw new InvalidOperationException(
                    $"{matches.Count} results match '{name}'; the results are: " +
                    string.Join("; ", Results.Select(r => r.DisplayName)));
        }
    }
}
