using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// A <see cref="NetFactAttribute"/> test, or one data row of a <see cref="NetTheoryAttribute"/> test found
/// at discovery. It serializes as xunit's own test case does; its declarations are read when it runs.
/// </summary>
public class NetnsTestCase : XunitTestCase, INetnsTestCase
{
    /// <summary>Used by xunit's deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public NetnsTestCase()
    {
    }

    /// <summary>Initializes a test case for a test method and, for a theory row, its data.</summary>
    public NetnsTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
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
        new NetnsTestCaseRunner(
            this,
            DisplayName,
            SkipReason,
            constructorArguments,
            TestMethodArguments,
            messageBus,
            aggregator,
            cancellationTokenSource,
            new NetnsRunContext(diagnosticMessageSink, classTopology)).RunAsync();

    /// <summary>Returns 0: the adapter enforces <c>Timeout</c> itself, for synchronous bodies too.</summary>
    protected override int GetTimeout(IAttributeInfo factAttribute) => 0;

    /// <inheritdoc/>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        DisplayNames.WithoutSuppliedParameters(base.GetDisplayName(factAttribute, displayName), TestMethod);
}
