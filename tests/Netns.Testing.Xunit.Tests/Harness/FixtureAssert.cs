using Xunit;

namespace Netns.Testing.Xunit.Tests.Harness;

internal static class FixtureAssert
{
    /// <summary>Asserts that a fixture test passed, showing its failure when it did not.</summary>
    public static void Passed(FixtureResult result) =>
        Assert.True(
            result.Outcome == "Passed",
            $"{result.DisplayName} {result.Outcome}: {result.ExceptionType}: {result.Message}");
}
