using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// The test class runner of <see cref="NetnsTestFramework"/>: it owns the class-scoped topology of a
/// class with <see cref="TopologyScope.Class"/>, which it removes after the class fixtures are disposed.
/// </summary>
public class NetnsTestClassRunner : XunitTestClassRunner
{
    private ClassTopology? _classTopology;

    /// <summary>Initializes a runner for the test cases of one class.</summary>
    public NetnsTestClassRunner(
        ITestClass testClass,
        IReflectionTypeInfo @class,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        IDictionary<Type, object> collectionFixtureMappings)
        : base(
            testClass,
            @class,
            testCases,
            diagnosticMessageSink,
            messageBus,
            testCaseOrderer,
            aggregator,
            cancellationTokenSource,
            collectionFixtureMappings)
    {
    }

    /// <inheritdoc/>
    protected override async Task AfterTestClassStartingAsync()
    {
        await base.AfterTestClassStartingAsync();
        if (Class.Type.GetCustomAttribute<NetTopologyScopeAttribute>(inherit: true)?.Scope == TopologyScope.Class)
        {
            var logger = new TestOutputLogger(
                line => DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"{Class.Name}: {line}")));
            _classTopology = new ClassTopology(TestDeclaration.ReadClassSpec(Class.Type), logger);
        }
    }

    /// <inheritdoc/>
    protected override async Task BeforeTestClassFinishedAsync()
    {
        await base.BeforeTestClassFinishedAsync();
        if (_classTopology is not null)
        {
            Exception? left = await _classTopology.DisposeAsync();
            if (left is not null)
            {
                Aggregator.Add(left);
            }
        }
    }

    /// <inheritdoc/>
    protected override Task<RunSummary> RunTestMethodAsync(
        ITestMethod testMethod,
        IReflectionMethodInfo method,
        IEnumerable<IXunitTestCase> testCases,
        object[] constructorArguments) =>
        new NetnsTestMethodRunner(
            testMethod,
            Class,
            method,
            testCases,
            DiagnosticMessageSink,
            MessageBus,
            new ExceptionAggregator(Aggregator),
            CancellationTokenSource,
            constructorArguments,
            _classTopology).RunAsync();
}
