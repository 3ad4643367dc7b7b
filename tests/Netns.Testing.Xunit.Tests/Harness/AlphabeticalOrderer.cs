using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>Runs the tests of a fixture class in the order of their method names.</summary>
public sealed class AlphabeticalOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
