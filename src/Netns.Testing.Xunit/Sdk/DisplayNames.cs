using Xunit.Abstractions;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Removes the parameters the adapter supplies from xunit's display names, where xunit shows them as
/// "server: ???" or "server: null" because no data row contains their values.
/// </summary>
internal static class DisplayNames
{
    // "???" when the row has no value; "null" when xunit filled in the "= null!" default.
    private static readonly string[] s_placeholders = ["???", "null"];

    public static string WithoutSuppliedParameters(string displayName, ITestMethod testMethod)
    {
        Type? testClass = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        foreach (IParameterInfo parameter in testMethod.Method.GetParameters())
        {
            string type = parameter.ParameterType.Name;
            bool byExtension = testClass is not null &&
                parameter is IReflectionParameterInfo reflection &&
                TopologyTestExtensions.Supplies(reflection.ParameterInfo, testClass);
            if (type == typeof(NetworkNamespace).FullName || type == typeof(Topology).FullName || byExtension)
            {
                foreach (string value in s_placeholders)
                {
                    displayName = displayName
                        .Replace($", {parameter.Name}: {value}", "", StringComparison.Ordinal)
                        .Replace($"({parameter.Name}: {value}, ", "(", StringComparison.Ordinal)
                        .Replace($"({parameter.Name}: {value})", "", StringComparison.Ordinal);
                }
            }
        }

        return displayName;
    }
}
