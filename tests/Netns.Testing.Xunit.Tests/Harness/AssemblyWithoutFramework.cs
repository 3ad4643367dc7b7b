using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>The test assembly with its test framework registration hidden from discovery.</summary>
internal sealed class AssemblyWithoutFramework(IReflectionAssemblyInfo inner)
    : LongLivedMarshalByRefObject, IReflectionAssemblyInfo
{
    public Assembly Assembly => inner.Assembly;

    public string AssemblyPath => inner.AssemblyPath;

    public string Name => inner.Name;

    public IEnumerable<IAttributeInfo> GetCustomAttributes(string assemblyQualifiedAttributeTypeName) =>
        inner.GetCustomAttributes(assemblyQualifiedAttributeTypeName)
            .Where(a => a is not IReflectionAttributeInfo { Attribute: TestFrameworkAttribute });

    public ITypeInfo GetType(string typeName) => inner.GetType(typeName);

    public IEnumerable<ITypeInfo> GetTypes(bool includePrivateTypes) => inner.GetTypes(includePrivateTypes);
}
