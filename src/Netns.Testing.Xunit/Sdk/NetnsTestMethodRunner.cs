using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// The test method runner of <see cref="NetnsTestFramework"/>. It hands the class topology to namespaced
/// test cases.
/// </summary>
internal sealed class NetnsTestMethodRunner : XunitTestMethodRunner
{
    private readonly IMessageSink _diagnosticMessageSink;
    private readonly object[] _constructorArguments;
    private readonly ClassTopology? _classTopology;

    internal NetnsTestMethodRunner(
        ITestMethod testMethod,
        IReflectionTypeInfo @class,
        IReflectionMethodInfo method,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        object[] constructorArguments,
        ClassTopology? classTopology)
        : base(
            testMethod,
            @class,
            method,
            testCases,
            diagnosticMessageSink,
            messageBus,
            aggregator,
            cancellationTokenSource,
            constructorArguments)
    {
        _diagnosticMessageSink = diagnosticMessageSink;
        _constructorArguments = constructorArguments;
        _classTopology = classTopology;
    }

    /// <inheritdoc/>
    protected override Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase) => testCase is INetnsTestCase namespaced
        ? namespaced.RunAsync(
            _diagnosticMessageSink,
            MessageBus,
            _constructorArguments,
            new ExceptionAggregator(Aggregator),
            CancellationTokenSource,
            _classTopology)
        : base.RunTestCaseAsync(testCase);
}
