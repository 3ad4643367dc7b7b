using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Runs a <see cref="NetnsTheoryTestCase"/>: xunit enumerates the data rows when the test case starts,
/// and each row runs as its own test with its own topology.
/// </summary>
internal sealed class NetnsTheoryTestCaseRunner : XunitTheoryTestCaseRunner
{
    private readonly NetnsRunContext _context;

    public NetnsTheoryTestCaseRunner(
        IXunitTestCase testCase,
        string displayName,
        string skipReason,
        object[] constructorArguments,
        IMessageBus messageBus,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        NetnsRunContext context)
        : base(
            testCase,
            displayName,
            skipReason,
            constructorArguments,
            context.DiagnosticMessageSink,
            messageBus,
            aggregator,
            cancellationTokenSource)
    {
        _context = context;
    }

    protected override XunitTestRunner CreateTestRunner(
        ITest test,
        IMessageBus messageBus,
        Type testClass,
        object[] constructorArguments,
        MethodInfo testMethod,
        object[] testMethodArguments,
        string skipReason,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        var row = new XunitTest(TestCase, DisplayNames.WithoutSuppliedParameters(test.DisplayName, TestCase.TestMethod));
        return NetnsTestRunner.Create(
            row,
            messageBus,
            testClass,
            constructorArguments,
            testMethod,
            testMethodArguments,
            skipReason,
            beforeAfterAttributes,
            aggregator,
            cancellationTokenSource,
            _context);
    }
}
