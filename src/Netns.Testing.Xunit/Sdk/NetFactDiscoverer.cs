using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>Discovers <see cref="NetFactAttribute"/> tests.</summary>
public sealed class NetFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _diagnosticMessageSink;

    /// <summary>Initializes the discoverer; xunit calls this.</summary>
    public NetFactDiscoverer(IMessageSink diagnosticMessageSink)
    {
        _diagnosticMessageSink = diagnosticMessageSink;
    }

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        string? problem = Registration.GetMissingFrameworkProblem(testMethod) ?? GetSignatureProblem(testMethod);
        if (problem is not null)
        {
            return [ErrorTestCase(_diagnosticMessageSink, discoveryOptions, testMethod, problem)];
        }

        return [new NetnsTestCase(
            _diagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod)];
    }

    internal static ExecutionErrorTestCase ErrorTestCase(
        IMessageSink diagnosticMessageSink,
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        string problem) =>
        new(diagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod,
            problem);

    private static string? GetSignatureProblem(ITestMethod testMethod)
    {
        if (testMethod.Method.IsGenericMethodDefinition)
        {
            return "[NetFact] methods cannot be generic; use [NetTheory] with data to supply the type arguments.";
        }

        if (testMethod.Method is not IReflectionMethodInfo reflection)
        {
            return null;
        }

        Type testClass = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type ?? reflection.MethodInfo.ReflectedType!;
        System.Reflection.ParameterInfo? data = reflection.MethodInfo.GetParameters()
            .FirstOrDefault(p => !TestDeclaration.IsSupplied(p, testClass));
        return data is null
            ? null
            : $"[NetFact] method parameters must be of type NetworkNamespace or Topology, or come from the test's " +
              $"services ([NetServices] of Netns.Testing.DependencyInjection), and '{data.Name}' is neither. " +
              "Use [NetTheory] with data for other parameters.";
    }
}
