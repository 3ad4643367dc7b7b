using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

public class ValidationTests
{
    private static readonly string s_nl = Environment.NewLine;

    [Test]
    public void LongInterfaceName_IsNotRunnable()
    {
        ITestResult result = FixtureRunner.Run(typeof(Invalid)).Case(nameof(Invalid.LongInterfaceName));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.NotRunnable));
        Assert.That(result.Message, Is.EqualTo(
            $"The network topology declaration has 1 problem; nothing was created:{s_nl}" +
            "  - [VethLink(\"a\", \"abcdefghijklmnop\", \"b\", \"eth0\")]: 'abcdefghijklmnop': " +
            "an interface name is at most 15 bytes (IFNAMSIZ), and this one is 16."));
        Assert.That(Invalid.BodiesRun, Is.Zero);
    }

    [Test]
    public void PrefixTooLong_IsNotRunnable()
    {
        ITestResult result = FixtureRunner.Run(typeof(Invalid)).Case(nameof(Invalid.PrefixTooLong));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.NotRunnable));
        Assert.That(result.Message, Is.EqualTo(
            $"The network topology declaration has 1 problem; nothing was created:{s_nl}" +
            "  - [VethLink(\"a\", \"eth0\", \"b\", \"eth0\")]: '198.18.0.1/33': an IPv4 prefix length is 0 to 32."));
        Assert.That(Invalid.BodiesRun, Is.Zero);
    }

    [Test]
    public void DuplicateInterfaceName_IsNotRunnable()
    {
        ITestResult result = FixtureRunner.Run(typeof(Invalid)).Case(nameof(Invalid.DuplicateInterfaceName));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.NotRunnable));
        Assert.That(result.Message, Is.EqualTo(
            $"The network topology declaration has 1 problem; nothing was created:{s_nl}" +
            "  - [VethLink(\"a\", \"eth0\", \"b\", \"eth1\")]: 'eth0': interface names must be unique within namespace 'a'."));
        Assert.That(Invalid.BodiesRun, Is.Zero);
    }

    [Test]
    public void InvalidCase_OtherCasesStillRun()
    {
        ITestResult result = FixtureRunner.Run(typeof(Invalid));

        Assert.That(result.Case(nameof(Invalid.Valid)).ResultState, Is.EqualTo(ResultState.Success));
    }

    [Test]
    public void IgnoredCase_StaysIgnored()
    {
        ITestResult result = FixtureRunner.Run(typeof(Invalid)).Case(nameof(Invalid.IgnoredWithLongName));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Ignored));
        Assert.That(result.Message, Is.EqualTo("ignored on purpose"));
    }

    [Test]
    public void SharedFixture_MethodDeclaration_IsNotRunnable()
    {
        ITestResult result = FixtureRunner.Run(typeof(SharedWithOwn)).Case(nameof(SharedWithOwn.DeclaresOwn));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.NotRunnable));
        Assert.That(result.Message, Is.EqualTo(
            "Test 'Netns.Testing.NUnit.Tests.ValidationTests+SharedWithOwn.DeclaresOwn' declares its own topology, " +
            "but its fixture has [SharedTopology], which builds the topology declared on the class for all of its tests. " +
            "Move the declarations to the class, or remove [SharedTopology] to give each test its own topology."));
    }

    [Test]
    public void SharedFixture_WithoutDeclarations_IsNotRunnable()
    {
        ITestResult result = FixtureRunner.Run(typeof(SharedWithout)).Case(nameof(SharedWithout.DeclaresNothing));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.NotRunnable));
        Assert.That(result.Message, Is.EqualTo(
            "Fixture 'Netns.Testing.NUnit.Tests.ValidationTests+SharedWithout' has [SharedTopology] but declares " +
            "no topology: add [NetNamespace] and any [VethLink] or [NetRoute] to the class."));
    }

    [Explicit("Runs in-process from ValidationTests")]
    public class Invalid
    {
        private static int s_bodiesRun;

        public static int BodiesRun => s_bodiesRun;

        [Test]
        [NetNamespace("a", Body = true)]
        [NetNamespace("b")]
        [VethLink("a", "abcdefghijklmnop", "b", "eth0")]
        public void LongInterfaceName() => Interlocked.Increment(ref s_bodiesRun);

        [Test]
        [NetNamespace("a", Body = true)]
        [NetNamespace("b")]
        [VethLink("a", "eth0", "b", "eth0", Address1 = "198.18.0.1/33")]
        public void PrefixTooLong() => Interlocked.Increment(ref s_bodiesRun);

        [Test]
        [NetNamespace("a", Body = true)]
        [NetNamespace("b")]
        [VethLink("a", "eth0", "b", "eth0")]
        [VethLink("a", "eth0", "b", "eth1")]
        public void DuplicateInterfaceName() => Interlocked.Increment(ref s_bodiesRun);

        [Test]
        [Ignore("ignored on purpose")]
        [NetNamespace("a")]
        [VethLink("a", "abcdefghijklmnop", "a", "eth0")]
        public void IgnoredWithLongName() => Interlocked.Increment(ref s_bodiesRun);

        [Test]
        [NetNamespace("a")]
        public void Valid() => Assert.That(HostNamespace.IsCurrentThreadInHost, Is.False);
    }

    [Explicit("Runs in-process from ValidationTests")]
    [SharedTopology]
    [NetNamespace("a")]
    public class SharedWithOwn
    {
        [Test]
        [NetNamespace("b")]
        public void DeclaresOwn()
        {
        }
    }

    [Explicit("Runs in-process from ValidationTests")]
    [SharedTopology]
    public class SharedWithout
    {
        [Test]
        public void DeclaresNothing()
        {
        }
    }
}
