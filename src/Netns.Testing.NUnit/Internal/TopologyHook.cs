using System.Reflection;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Finds the tests that declare a topology and marks those with invalid declarations NotRunnable.
/// It hooks the rest by replacing their method with a <see cref="TopologyMethodInfo"/>. Through it,
/// NUnit finds the command that builds the topology, and it runs the body in a namespace.
/// </summary>
internal static class TopologyHook
{
    public static void Apply(Test root)
    {
        InitializeHostNamespace();
        foreach (Test test in SelfAndDescendants(root))
        {
            if (test is TestFixture fixture)
            {
                ValidateSharedFixture(fixture);
            }
            else if (test is TestMethod method && method.Method is not TopologyMethodInfo)
            {
                HookMethod(method);
            }
        }
    }

    /// <summary>Whether the test or its fixture carries a topology declaration.</summary>
    public static bool DeclaresTopology(TestMethod method)
    {
        Type? fixtureType = method.TypeInfo?.Type;
        return IsShared(fixtureType) || !TopologySpec.FromAttributes(method.Method.MethodInfo, fixtureType).IsEmpty;
    }

    public static bool IsShared(Type? fixtureType) =>
        fixtureType?.IsDefined(typeof(SharedTopologyAttribute), inherit: true) == true;

    public static TopologySpec ReadFixtureSpec(Type fixtureType) =>
        TopologySpec.FromAttributes(fixtureType.GetCustomAttributes(inherit: true).OfType<Attribute>());

    /// <summary>
    /// Starts the runtime's lazily created threads in the host namespace before any test runs. A
    /// failure here is left to the first topology build, which reports it on its test instead of
    /// failing the discovery of the whole assembly.
    /// </summary>
    private static void InitializeHostNamespace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            HostNamespace.EnsureInitialized();
        }
        catch (NetworkNamespaceException)
        {
        }
    }

    private static void HookMethod(TestMethod test)
    {
        Type? fixtureType = test.TypeInfo?.Type;
        MethodInfo method = test.Method.MethodInfo;
        if (IsShared(fixtureType))
        {
            TopologySpec own = TopologySpec.FromAttributes(method.GetCustomAttributes(inherit: true).OfType<Attribute>());
            if (!own.IsEmpty)
            {
                MakeNotRunnable(test,
                    $"Test '{test.FullName}' declares its own topology, but its fixture has [SharedTopology], which builds " +
                    "the topology declared on the class for all of its tests. Move the declarations to the class, or " +
                    "remove [SharedTopology] to give each test its own topology.");
                return;
            }

            test.Method = new TopologyMethodInfo(test.Method, spec: null);
            return;
        }

        TopologySpec spec = TopologySpec.FromAttributes(method, fixtureType);
        if (spec.IsEmpty)
        {
            return;
        }

        IReadOnlyList<TopologyProblem> problems = spec.Validate();
        if (problems.Count > 0)
        {
            MakeNotRunnable(test, new TopologyValidationException(problems).Message);
            return;
        }

        test.Method = new TopologyMethodInfo(test.Method, spec);
    }

    private static void ValidateSharedFixture(TestFixture fixture)
    {
        Type? type = fixture.TypeInfo?.Type;
        if (type is null || !IsShared(type))
        {
            return;
        }

        TopologySpec spec = ReadFixtureSpec(type);
        IReadOnlyList<TopologyProblem> problems = spec.Validate();
        string? reason = spec.IsEmpty
            ? $"Fixture '{fixture.FullName}' has [SharedTopology] but declares no topology: add [NetNamespace] " +
                "and any [VethLink] or [NetRoute] to the class."
            : problems.Count > 0 ? new TopologyValidationException(problems).Message : null;
        if (reason is null)
        {
            return;
        }

        // The tests carry the reason rather than the fixture, so an [Explicit] fixture stays explicit.
        foreach (Test test in SelfAndDescendants(fixture).Where(t => t is TestMethod))
        {
            MakeNotRunnable(test, reason);
        }
    }

    private static void MakeNotRunnable(Test test, string reason)
    {
        // A test NUnit already found unrunnable keeps NUnit's own reason, and an ignored one stays ignored.
        if (test.RunState is RunState.NotRunnable or RunState.Ignored or RunState.Skipped)
        {
            return;
        }

        test.RunState = RunState.NotRunnable;
        test.Properties.Set(PropertyNames.SkipReason, reason);
    }

    private static IEnumerable<Test> SelfAndDescendants(Test root)
    {
        var pending = new Stack<Test>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            Test test = pending.Pop();
            yield return test;
            if (test.HasChildren)
            {
                foreach (ITest child in test.Tests)
                {
                    if (child is Test childTest)
                    {
                        pending.Push(childTest);
                    }
                }
            }
        }
    }
}
