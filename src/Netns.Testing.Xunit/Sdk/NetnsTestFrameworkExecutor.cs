using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>Runs test cases as xunit does, through runners that support class-scoped topologies.</summary>
public class NetnsTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    /// <summary>Initializes an executor for one assembly.</summary>
    public NetnsTestFrameworkExecutor(
        AssemblyName assemblyName,
        ISourceInformationProvider sourceInformationProvider,
        IMessageSink diagnosticMessageSink)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkDiscoverer CreateDiscoverer() =>
        new NetnsTestFrameworkDiscoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <inheritdoc/>
    protected override void RunTestCases(
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
    {
        // xunit's executor starts the run and returns; completion is reported through the message sink.
        _ = RunTestCasesAsync(testCases, executionMessageSink, executionOptions);
    }

    private async Task RunTestCasesAsync(
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
    {
        // The runtime's lazily created threads must start in the host before any test enters a namespace.
        try
        {
            HostNamespace.EnsureInitialized();
        }
        catch (NetworkNamespaceException e)
        {
            string message = $"Netns.Testing: recording the host namespace failed: {e.Message}";
            DiagnosticMessageSink.OnMessage(new DiagnosticMessage(message));
        }

        using var runner = new NetnsTestAssemblyRunner(
            TestAssembly,
            testCases,
            DiagnosticMessageSink,
            executionMessageSink,
            executionOptions);
        await runner.RunAsync();
    }
}
