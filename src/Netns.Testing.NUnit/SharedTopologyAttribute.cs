using NUnit.Framework;
using NUnit.Framework.Interfaces;
using Netns.Testing.NUnit.Internal;

namespace Netns.Testing.NUnit;

/// <summary>
/// Builds the topology declared on a fixture class once for the whole fixture instead of once per
/// test. It is built after [OneTimeSetUp] and torn down before [OneTimeTearDown], so those two run
/// without it; [SetUp], [TearDown] and every test see the same namespaces.
/// </summary>
/// <remarks>
/// Sharing saves the setup time of each test but gives up isolation. Sockets, routes, sysctls and
/// processes that one test leaves behind are there for the next. Tests of the fixture that run in
/// parallel share the namespaces and the body namespace's single thread, so a thread one of them
/// leaves behind can be reported on another. Declarations must be on the
/// class; a test method of such a fixture that declares its own becomes NotRunnable.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SharedTopologyAttribute : NUnitAttribute, ITestAction
{
    /// <summary>Runs around the fixture, not around each test.</summary>
    public ActionTargets Targets => ActionTargets.Suite;

    /// <summary>Builds the fixture's topology.</summary>
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        SharedTopologies.Build(test);
    }

    /// <summary>Tears the fixture's topology down and checks that no thread was left in it.</summary>
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        SharedTopologies.TearDown(test);
    }
}
