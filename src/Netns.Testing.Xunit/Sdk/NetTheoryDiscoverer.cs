using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Discovers <see cref="NetTheoryAttribute"/> tests: one test case per data row when the rows can be
/// enumerated at discovery, otherwise one test case that enumerates them when it runs.
/// </summary>
public sealed class NetTheoryDiscoverer : TheoryDiscoverer
{
    /// <summary>Initializes the discoverer; xunit calls this.</summary>
    public NetTheoryDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo theoryAttribute)
    {
        string? problem = Registration.GetMissingFrameworkProblem(testMethod);
        return problem is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [NetFactDiscoverer.ErrorTestCase(DiagnosticMessageSink, discoveryOptions, testMethod, problem)];
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo theoryAttribute,
        object[] dataRow)
    {
        ITestMethod rowMethod = theoryAttribute.GetNamedArgument<bool>(nameof(NetTheoryAttribute.ParallelRows))
            ? InOwnCollection(testMethod, dataRow)
            : testMethod;
        return [new NetnsTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            rowMethod,
            dataRow)];
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo theoryAttribute) =>
        [new NetnsTheoryTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod)];

    /// <summary>
    /// Places a row in a test collection of its own. xunit runs the tests of one collection one at a
    /// time and different collections in parallel, so rows in their own collections run in parallel.
    /// </summary>
    private static TestMethod InOwnCollection(ITestMethod testMethod, object[] dataRow)
    {
        ITestClass testClass = testMethod.TestClass;
        string name = $"{testClass.Class.Name}.{testMethod.Method.Name}({string.Join(", ", dataRow)})";
        var collection = new TestCollection(testClass.TestCollection.TestAssembly, collectionDefinition: null, name);
        return new TestMethod(new TestClass(collection, testClass.Class), testMethod.Method);
    }
}
