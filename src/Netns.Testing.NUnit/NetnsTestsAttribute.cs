using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using Netns.Testing.NUnit.Internal;

namespace Netns.Testing.NUnit;

/// <summary>
/// Connects the topology declarations (<see cref="NetNamespaceAttribute"/>, <see cref="VethLinkAttribute"/>,
/// <see cref="NetRouteAttribute"/>) to NUnit for every test in the assembly:
/// <code>[assembly: Netns.Testing.NUnit.NetnsTests]</code>
/// A PackageReference to Netns.Testing.NUnit adds this line to the test project by itself unless the
/// project sets the MSBuild property <c>NetnsTestsAttribute</c> to <c>false</c>.
/// </summary>
/// <remarks>
/// NUnit applies an assembly's attributes after it has built every fixture, so this attribute visits
/// each test once at discovery. A test whose declarations are invalid becomes NotRunnable with the list of
/// problems. Every other test that declares a topology gets it built before its [SetUp], runs its body
/// in a namespace, and has it torn down after its [TearDown]. Applying the attribute twice has no
/// further effect.
/// <para>
/// [OneTimeSetUp], [SetUp], [TearDown] and [OneTimeTearDown] run on NUnit's thread in the host
/// namespace. [SetUp] and [TearDown] reach the test's namespaces through <see cref="NetnsContext"/>.
/// The body runs on the body namespace's own thread, and its awaits resume there.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class NetnsTestsAttribute : NUnitAttribute, IApplyToTest
{
    /// <summary>Validates and hooks every test below <paramref name="test"/> that declares a topology.</summary>
    public void ApplyToTest(Test test)
    {
        ArgumentNullException.ThrowIfNull(test);
        TopologyHook.Apply(test);
    }
}
