using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// What a test declares, read from its attributes when it runs: the topology, its scope, the body
/// timeout and the parameters the adapter supplies. Problems found here fail the test before anything
/// is created.
/// </summary>
internal sealed class TestDeclaration
{
    private TestDeclaration(TopologySpec spec, TopologyScope scope, int timeout, int dataParameterCount, string? problem)
    {
        Spec = spec;
        Scope = scope;
        Timeout = timeout;
        DataParameterCount = dataParameterCount;
        Problem = problem;
    }

    public TopologySpec Spec { get; }

    public TopologyScope Scope { get; }

    /// <summary>The body timeout in milliseconds, or 0 for none.</summary>
    public int Timeout { get; }

    /// <summary>The number of leading parameters that take data row values.</summary>
    public int DataParameterCount { get; }

    /// <summary>A declaration problem that fails the test before its topology is built, or null.</summary>
    public string? Problem { get; }

    public static TestDeclaration Read(Type testClass, MethodInfo method)
    {
        TopologyScope scope = testClass.GetCustomAttribute<NetTopologyScopeAttribute>(inherit: true)?.Scope ?? TopologyScope.Test;
        int timeout = method.GetCustomAttribute<FactAttribute>(inherit: true)?.Timeout ?? 0;
        string test = $"{testClass.Name}.{method.Name}";
        TopologySpec spec;
        string? problem = null;
        if (scope == TopologyScope.Class)
        {
            spec = ReadClassSpec(testClass);
            string? methodDeclaration = Registration.FindDeclaration(method.GetCustomAttributes(inherit: true));
            if (methodDeclaration is not null)
            {
                problem = $"{test} declares {methodDeclaration} on the method, but its class shares one topology " +
                    "([NetTopologyScope(TopologyScope.Class)]) built from the class's declarations only. Move the " +
                    "declarations to the class, or remove the class scope to build a topology for each test.";
            }
        }
        else
        {
            spec = TopologySpec.FromAttributes(method, testClass);
        }

        if (problem is null && spec.IsEmpty)
        {
            problem = $"{test} is a [NetFact] or [NetTheory] but declares no network namespace. Add " +
                "[NetNamespace(\"name\")] to the method or its class, or use [Fact] or [Theory] to run in the host namespace.";
        }

        int dataParameterCount = CountDataParameters(method, testClass, spec, test, ref problem);
        return new TestDeclaration(spec, scope, timeout, dataParameterCount, problem);
    }

    public static TopologySpec ReadClassSpec(Type testClass) =>
        TopologySpec.FromAttributes(testClass.GetCustomAttributes(inherit: true).OfType<Attribute>());

    /// <summary>Whether the adapter supplies values for parameters of this type.</summary>
    public static bool IsSupplied(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(NetworkNamespace) || parameter.ParameterType == typeof(Topology);

    /// <summary>Whether the adapter or a registered <see cref="ITopologyTestExtension"/> supplies the parameter.</summary>
    public static bool IsSupplied(ParameterInfo parameter, Type testClass) =>
        IsSupplied(parameter) || TopologyTestExtensions.Supplies(parameter, testClass);

    /// <summary>
    /// Returns the arguments of the test method: the data row's values, the declared defaults of data
    /// parameters the row leaves out, then the values of the test's extensions (such as services),
    /// and the namespaces and topology the adapter supplies.
    /// </summary>
    public object?[] ResolveArguments(MethodInfo method, object?[]? dataRow, Topology topology, ITopologyTestScope? scope)
    {
        ParameterInfo[] parameters = method.GetParameters();
        int rowLength = dataRow?.Length ?? 0;
        var arguments = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            ParameterInfo parameter = parameters[i];

            // xunit fills a row up with the defaults of optional parameters, which supplied ones have
            // (= null!) to satisfy its analyzers; a row value other than that default is a real conflict.
            object? rowValue = i < rowLength ? dataRow![i] : null;
            if (IsSupplied(parameter) && rowValue is not null)
            {
                throw new InvalidOperationException(
                    $"The data row has a value for parameter '{parameter.Name}' of {method.Name}, which the adapter " +
                    "supplies. Each row supplies the data parameters only, which come before the NetworkNamespace " +
                    "and Topology parameters.");
            }

            if (!(i < rowLength && rowValue is not null) && scope is not null && scope.TryGetArgument(parameter, out object? value))
            {
                arguments[i] = value;
            }
            else if (parameter.ParameterType == typeof(Topology))
            {
                arguments[i] = topology;
            }
            else if (parameter.ParameterType == typeof(NetworkNamespace))
            {
                arguments[i] = topology[parameter.Name!];
            }
            else if (i < rowLength)
            {
                arguments[i] = rowValue;
            }
            else if (parameter.HasDefaultValue)
            {
                arguments[i] = parameter.DefaultValue;
            }
            else
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {method.Name} has no value: the data row has {rowLength} values, " +
                    "the parameter has no default" + (scope is null ? "." : $", and no service of type {parameter.ParameterType.Name} is registered."));
            }
        }

        return arguments;
    }

    private static int CountDataParameters(MethodInfo method, Type testClass, TopologySpec spec, string test, ref string? problem)
    {
        ParameterInfo[] parameters = method.GetParameters();
        int count = 0;
        bool suppliedSeen = false;
        var names = spec.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        string declared = string.Join(", ", names.Select(n => $"'{n}'"));
        foreach (ParameterInfo parameter in parameters)
        {
            bool byExtension = TopologyTestExtensions.Supplies(parameter, testClass);
            if (IsSupplied(parameter) || byExtension)
            {
                suppliedSeen = true;
                if (parameter.ParameterType == typeof(NetworkNamespace) && !byExtension && !names.Contains(parameter.Name!) && problem is null)
                {
                    problem = $"Parameter '{parameter.Name}' of {test} is a NetworkNamespace, but no namespace named " +
                        $"'{parameter.Name}' is declared; the declared ones are {declared}. " +
                        "Name the parameter after a [NetNamespace] declaration.";
                }
            }
            else if (suppliedSeen)
            {
                problem ??= $"Parameter '{parameter.Name}' of {test} comes after a NetworkNamespace or Topology parameter. " +
                    "Put the data parameters first and the NetworkNamespace and Topology parameters last.";
            }
            else
            {
                count++;
            }
        }

        return count;
    }
}
