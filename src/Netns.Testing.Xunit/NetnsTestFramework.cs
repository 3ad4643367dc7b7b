using System.Reflection;
using Netns.Testing.Xunit.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit;

/// <summary>
/// The xunit test framework of the adapter. It runs tests as xunit's own framework does, and in addition
/// fails every plain <c>[Fact]</c> or <c>[Theory]</c> that carries topology declarations, which would
/// otherwise run in the host network namespace, and it supports class-scoped topologies. The package
/// registers it for the test assembly with <c>[assembly: TestFramework(...)]</c>; derive from it when the
/// assembly needs a framework of its own.
/// </summary>
public class NetnsTestFramework : XunitTestFramework
{
    /// <summary>The full name of this type, for <c>[assembly: TestFramework]</c>.</summary>
    public const string TypeName = "Netns.Testing.Xunit.NetnsTestFramework";

    /// <summary>The name of this assembly, for <c>[assembly: TestFramework]</c>.</summary>
    public const string AssemblyName = "Netns.Testing.Xunit";

    /// <summary>Initializes the framework with the sink for diagnostic messages.</summary>
    public NetnsTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new NetnsTestFrameworkDiscoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new NetnsTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
