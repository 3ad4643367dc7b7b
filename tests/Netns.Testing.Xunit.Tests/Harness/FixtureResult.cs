namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>The outcome of one test of a fixture class run in-process.</summary>
/// <param name="DisplayName">The test's display name.</param>
/// <param name="Outcome">Passed, Failed or Skipped.</param>
/// <param name="Message">The failure message or skip reason; empty for a pass.</param>
/// <param name="ExceptionType">The full name of the failure's exception type; empty otherwise.</param>
/// <param name="Output">The test's output.</param>
internal sealed record FixtureResult(string DisplayName, string Outcome, string Message, string ExceptionType, string Output)
{
    /// <summary>Formats the result as one line for a child process's output.</summary>
    public string ToLine() =>
        string.Join('\t', DisplayName, Outcome, Escape(Message), ExceptionType, Escape(Output));

    public static FixtureResult FromLine(string line)
    {
        string[] fields = line.Split('\t');
        return new FixtureResult(fields[0], fields[1], Unescape(fields[2]), fields[3], Unescape(fields[4]));
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t");

    private static string Unescape(string text) => text.Replace("\\t", "\t").Replace("\\n", "\n").Replace("\\\\", "\\");
}
