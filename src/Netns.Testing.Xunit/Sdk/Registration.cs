using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// The discovery-time checks that keep a test with topology declarations from running in the host
/// network namespace, and their messages.
/// </summary>
internal static class Registration
{
    /// <summary>
    /// Returns the failure message for a test that declares a topology but is an ordinary xunit test
    /// (such as <c>[Fact]</c>), or null.
    /// </summary>
    public static string? GetPlainTestProblem(ITestMethod testMethod)
    {
        if (testMethod.Method is not IReflectionMethodInfo reflectionMethod ||
            testMethod.TestClass.Class is not IReflectionTypeInfo reflectionClass)
        {
            return null;
        }

        MethodInfo method = reflectionMethod.MethodInfo;
        FactAttribute? fact = method.GetCustomAttributes<FactAttribute>(inherit: true).FirstOrDefault();
        if (fact is null or NetFactAttribute or NetTheoryAttribute)
        {
            return null;
        }

        string where = "";
        string? declaration = FindDeclaration(method.GetCustomAttributes(inherit: true));
        if (declaration is null)
        {
            declaration = FindDeclaration(reflectionClass.Type.GetCustomAttributes(inherit: true));
            where = " on its class";
        }

        if (declaration is null)
        {
            return null;
        }

        string kind = fact is TheoryAttribute ? "Theory" : "Fact";
        string actual = fact.GetType().Name;
        actual = actual.EndsWith("Attribute", StringComparison.Ordinal) ? actual[..^"Attribute".Length] : actual;
        return $"{reflectionClass.Type.Name}.{method.Name} declares {declaration}{where} but is a [{actual}], " +
            $"which would run it in the host network namespace. Use [Net{kind}] instead of [{actual}] so its body " +
            "runs inside the declared namespaces.";
    }

    /// <summary>
    /// Returns the failure message for a <see cref="NetFactAttribute"/> or <see cref="NetTheoryAttribute"/>
    /// test in an assembly that does not use <see cref="NetnsTestFramework"/>, or null.
    /// </summary>
    public static string? GetMissingFrameworkProblem(ITestMethod testMethod)
    {
        IAssemblyInfo assembly = testMethod.TestClass.TestCollection.TestAssembly.Assembly;
        foreach (IAttributeInfo attribute in assembly.GetCustomAttributes(typeof(TestFrameworkAttribute)))
        {
            object[] arguments = attribute.GetConstructorArguments().ToArray();
            if (arguments is [string typeName, string assemblyName] &&
                SerializationHelper.GetType(assemblyName, typeName) is Type framework &&
                typeof(NetnsTestFramework).IsAssignableFrom(framework))
            {
                return null;
            }
        }

        string testAssembly = Path.GetFileNameWithoutExtension(assembly.AssemblyPath ?? assembly.Name);
        return $"[NetFact] and [NetTheory] need the test framework {NetnsTestFramework.TypeName}, which assembly " +
            $"'{testAssembly}' does not use. Without it, a [Fact] that " +
            "declares [NetNamespace] would run in the host network namespace unnoticed. The Netns.Testing.Xunit " +
            "package registers it unless NetnsTestingRegisterTestFramework is false; otherwise add " +
            $"[assembly: Xunit.TestFramework(\"{NetnsTestFramework.TypeName}\", \"{NetnsTestFramework.AssemblyName}\")] " +
            "to the test project, or derive the assembly's own framework from it.";
    }

    /// <summary>Returns the first topology declaration among the attributes, as "[NetNamespace]", or null.</summary>
    public static string? FindDeclaration(IEnumerable<object> attributes)
    {
        foreach (object attribute in attributes)
        {
            switch (attribute)
            {
                case NetNamespaceAttribute:
                    return "[NetNamespace]";
                case VethLinkAttribute:
                    return "[VethLink]";
                case NetRouteAttribute:
                    return "[NetRoute]";
            }
        }

        return null;
    }
}
