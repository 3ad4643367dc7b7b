using System.Reflection;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// The method of a test that declares a topology. It returns one extra attribute,
/// <see cref="TopologyWrapper"/>, which NUnit calls to wrap the test's setup and teardown. Its
/// <see cref="Invoke"/> runs the test method in the body namespace. NUnit's TestMethodCommand still
/// calls it, so expected results, assertion scopes and CancellationToken parameters work as usual.
/// </summary>
internal sealed class TopologyMethodInfo(IMethodInfo inner, TopologySpec? spec) : IMethodInfo
{
    private readonly TopologyWrapper _wrapper = new(spec);

    public ITypeInfo TypeInfo => inner.TypeInfo;

    public MethodInfo MethodInfo => inner.MethodInfo;

    public string Name => inner.Name;

    public bool IsAbstract => inner.IsAbstract;

    public bool IsPublic => inner.IsPublic;

    public bool IsStatic => inner.IsStatic;

    public bool ContainsGenericParameters => inner.ContainsGenericParameters;

    public bool IsGenericMethod => inner.IsGenericMethod;

    public bool IsGenericMethodDefinition => inner.IsGenericMethodDefinition;

    public ITypeInfo ReturnType => inner.ReturnType;

    public IParameterInfo[] GetParameters() => inner.GetParameters();

    public Type[] GetGenericArguments() => inner.GetGenericArguments();

    public IMethodInfo MakeGenericMethod(params Type[] typeArguments) =>
        new TopologyMethodInfo(inner.MakeGenericMethod(typeArguments), spec);

    public T[] GetCustomAttributes<T>(bool inherit)
        where T : class
    {
        T[] attributes = inner.GetCustomAttributes<T>(inherit);
        return _wrapper is T wrapper ? [.. attributes, wrapper] : attributes;
    }

    public bool IsDefined<T>(bool inherit)
        where T : class => _wrapper is T || inner.IsDefined<T>(inherit);

    /// <summary>
    /// Runs the test method on the body namespace's thread. For an asynchronous method this returns a
    /// task that NUnit waits for; otherwise it blocks until the body has finished.
    /// </summary>
    public object? Invoke(object? fixture, params object?[]? args)
    {
        Task<object?> body = BodyRunner.RunAsync(() => inner.Invoke(fixture, args));
        return BodyRunner.IsAwaitable(inner.MethodInfo) ? body : body.GetAwaiter().GetResult();
    }

    public override string ToString() => inner.ToString() ?? Name;
}
