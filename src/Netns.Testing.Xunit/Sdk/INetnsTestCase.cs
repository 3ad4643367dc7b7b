using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>A test case whose body runs inside its declared topology.</summary>
internal interface INetnsTestCase : IXunitTestCase
{
    /// <summary>Runs the test case, using <paramref name="classTopology"/> when its class shares one.</summary>
    Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        ClassTopology? classTopology);
}
