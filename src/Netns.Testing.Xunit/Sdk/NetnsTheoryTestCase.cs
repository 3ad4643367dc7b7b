using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// A <see cref="NetTheoryAttribute"/> test whose data rows could not be enumerated at discovery; it
/// enumerates them when it runs, and each row gets its own topology.
/// </summary>
public class NetnsTheoryTestCase : XunitTheoryTestCase, INetnsTestCase
{
    /// <summary>Used by xunit's deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public NetnsTheoryTestCase()
    {
    }

    /// <summary>Initializes a test case for a theory method.</summary>
    public NetnsTheoryTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        ((INetnsTestCase)this).RunAsync(
            diagnosticMessageSink,
            messageBus,
            constructorArguments,
            aggregator,
            cancellationTokenSource,
            null);

    Task<RunSummary> INetnsTestCase.RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        ClassTopology? classTopology) =>
        new NetnsTheoryTestCaseRunner(
            this,
            DisplayName,
            SkipReason,
            constructorArguments,
            messageBus,
            aggregator,
            cancellationTokenSource,
            new NetnsRunContext(diagnosticMessageSink, classTopology)).RunAsync();

    /// <summary>Returns 0: the adapter enforces <c>Timeout</c> itself, for synchronous bodies too.</summary>
    protected override int GetTimeout(IAttributeInfo factAttribute) => 0;
}
