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

    public static string WithoutSuppliedParameters(string displayName, IMethodInfo method)
    {
        foreach (IParameterInfo parameter in method.GetParameters())
        {
            string type = parameter.ParameterType.Name;
            if (type == typeof(NetworkNamespace).FullName || type == typeof(Topology).FullName)
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
