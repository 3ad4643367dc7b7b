using System.Runtime.CompilerServices;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Netns.Testing.NUnit.Internal;

/// <summary>The topologies of fixtures with [SharedTopology], by fixture.</summary>
internal static class SharedTopologies
{
    private static readonly ConditionalWeakTable<ITest, Topology> s_byFixture = [];

    public static void Build(ITest fixture)
    {
        Type type = fixture.TypeInfo?.Type
            ?? throw new InvalidOperationException($"[SharedTopology] applies to a fixture class, not to '{fixture.FullName}'.");
        TopologySpec spec = TopologyHook.ReadFixtureSpec(type);
        if (spec.IsEmpty || spec.Validate().Count > 0)
        {
            // The hook made the fixture's tests NotRunnable with the reason at discovery.
            return;
        }

        TestExecutionContext context = TestExecutionContext.CurrentContext;
        Topology topology;
        try
        {
            topology = TopologyLifetime.Build(spec, context);
        }
        catch (Exception e) when (TopologyLifetime.FindMissingPrivileges(e) is MissingPrivilegesException missing)
        {
            if (TopologyLifetime.SkipUnprivileged)
            {
                throw new IgnoreException(missing.Message);
            }

            throw new AssertionException(missing.Message);
        }
        catch (TopologyBuildException e)
        {
            throw new AssertionException(e.Message, e);
        }

        s_byFixture.AddOrUpdate(fixture, topology);
    }

    public static Topology? Find(ITest test)
    {
        for (ITest? current = test; current is not null; current = current.Parent)
        {
            if (s_byFixture.TryGetValue(current, out Topology? topology))
            {
                return topology;
            }
        }

        return null;
    }

    public static void TearDown(ITest fixture)
    {
        if (!s_byFixture.TryGetValue(fixture, out Topology? topology))
        {
            return;
        }

        s_byFixture.Remove(fixture);
        IReadOnlyList<ThreadNamespaceInfo> left = TopologyLifetime.TearDown(topology, TestExecutionContext.CurrentContext.OutWriter);
        if (left.Count > 0)
        {
            throw new AssertionException(TopologyLifetime.DescribeLeftThreads(left));
        }
    }
}
