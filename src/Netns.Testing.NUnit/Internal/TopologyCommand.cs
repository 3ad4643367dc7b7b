using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Builds a test's topology (or takes its fixture's shared one), runs [SetUp], the body and
/// [TearDown] with it, then tears it down and fails the test if a thread was left in one of its
/// namespaces. [SetUp] and [TearDown] run on NUnit's thread, in the host namespace.
/// </summary>
internal sealed class TopologyCommand(TestCommand innerCommand, TopologySpec? spec) : DelegatingTestCommand(innerCommand)
{
    public override TestResult Execute(TestExecutionContext context)
    {
        Topology? topology = spec is null ? SharedTopologies.Find(Test) : TryBuild(spec, context);
        if (topology is null)
        {
            if (spec is null)
            {
                context.CurrentResult.SetResult(ResultState.SetUpError,
                    $"The shared topology of the fixture of '{Test.FullName}' is not built.");
            }

            return context.CurrentResult;
        }

        // Extensions (such as the services of [NetServices]) get their per-test state after the
        // topology, and give it up after [TearDown] and before the topology is removed.
        ITopologyTestScope? scope = null;
        try
        {
            scope = TopologyTestExtensions.CreateScopeAsync(topology, Test.Method!.MethodInfo, Test.TypeInfo!.Type)
                .AsTask().GetAwaiter().GetResult();
            using (NetnsContext.Enter(topology, scope))
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
        }
        catch (Exception e)
        {
            context.CurrentResult.RecordException(e);
        }

        if (scope is not null)
        {
            try
            {
                scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                TopologyLifetime.AddFailure(context.CurrentResult, $"Disposing the test's services failed: {e.Message}");
            }
        }

        try
        {
            IReadOnlyList<ThreadNamespaceInfo> left = spec is null
                ? TopologyLifetime.FindThreads(topology)
                : TopologyLifetime.TearDown(topology, context.OutWriter);
            if (left.Count > 0)
            {
                TopologyLifetime.AddFailure(context.CurrentResult, TopologyLifetime.DescribeLeftThreads(left));
            }
        }
        catch (Exception e)
        {
            TopologyLifetime.AddFailure(context.CurrentResult, $"Tearing down the network topology failed: {e.Message}");
        }

        return context.CurrentResult;
    }

    private static Topology? TryBuild(TopologySpec spec, TestExecutionContext context)
    {
        try
        {
            return TopologyLifetime.Build(spec, context);
        }
        catch (TopologyValidationException e)
        {
            context.CurrentResult.SetResult(ResultState.NotRunnable, e.Message);
        }
        catch (Exception e) when (TopologyLifetime.FindMissingPrivileges(e) is MissingPrivilegesException missing)
        {
            context.CurrentResult.SetResult(
                TopologyLifetime.SkipUnprivileged ? ResultState.Ignored : ResultState.SetUpFailure,
                missing.Message);
        }
        catch (TopologyBuildException e)
        {
            context.CurrentResult.SetResult(ResultState.SetUpError, e.Message, e.StackTrace);
        }
        catch (OperationCanceledException e)
        {
            context.CurrentResult.RecordException(e, FailureSite.SetUp);
        }

        return null;
    }
}
