using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Discovers tests as xunit does, and turns each ordinary test (such as <c>[Fact]</c>) that declares a
/// topology into a failing test whose message names the fix: use <see cref="NetFactAttribute"/> or
/// <see cref="NetTheoryAttribute"/>.
/// </summary>
public class NetnsTestFrameworkDiscoverer : XunitTestFrameworkDiscoverer
{
    /// <summary>Initializes a discoverer for one assembly.</summary>
    public NetnsTestFrameworkDiscoverer(
        IAssemblyInfo assemblyInfo,
        ISourceInformationProvider sourceProvider,
        IMessageSink diagnosticMessageSink,
        IXunitTestCollectionFactory? collectionFactory = null)
        : base(assemblyInfo, sourceProvider, diagnosticMessageSink, collectionFactory)
    {
    }

    /// <inheritdoc/>
    protected override bool FindTestsForMethod(
        ITestMethod testMethod,
        bool includeSourceInformation,
        IMessageBus messageBus,
        ITestFrameworkDiscoveryOptions discoveryOptions)
    {
        string? problem = Registration.GetPlainTestProblem(testMethod);
        if (problem is null)
        {
            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }

        var failing = new ExecutionErrorTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod,
            problem);
        return ReportDiscoveredTestCase(failing, includeSourceInformation, messageBus);
    }
}
