using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>
/// Runs the tests of one fixture class through a test framework in this process, as a runner would:
/// discovery, then execution, collecting each test's outcome, message and output. Fixture classes are
/// internal, so the ordinary test run never discovers them.
/// </summary>
internal static class FixtureRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    public static async Task<FixtureRun> RunAsync(
        Type fixture,
        int maxParallelThreads = 0,
        Func<IMessageSink, TestFramework>? createFramework = null,
        IAssemblyInfo? assemblyInfo = null)
    {
        var run = new FixtureRun();
        var diagnostics = new MessageSink(run);
        using TestFramework framework = createFramework?.Invoke(diagnostics) ?? new NetnsTestFramework(diagnostics);
        var options = new TestOptions(maxParallelThreads);

        var discovery = new MessageSink(run);
        using (ITestFrameworkDiscoverer discoverer = framework.GetDiscoverer(assemblyInfo ?? Reflector.Wrap(fixture.Assembly)))
        {
            discoverer.Find(fixture.FullName, includeSourceInformation: false, discovery, options);
            await discovery.Finished.Task.WaitAsync(s_timeout);
        }

        var execution = new MessageSink(run);
        using ITestFrameworkExecutor executor = framework.GetExecutor(fixture.Assembly.GetName());
        executor.RunTests(discovery.TestCases, execution, options);
        await execution.Finished.Task.WaitAsync(s_timeout);
        return run;
    }

    private sealed class MessageSink(FixtureRun run) : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<ITestCase> TestCases { get; } = [];

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (run)
            {
                Record(message);
            }

            return true;
        }

        private void Record(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage discovered:
                    TestCases.Add(discovered.TestCase);
                    break;
                case IDiscoveryCompleteMessage or ITestAssemblyFinished:
                    Finished.TrySetResult();
                    break;
                case ITestPassed passed:
                    run.Results.Add(new FixtureResult(passed.Test.DisplayName, "Passed", "", "", passed.Output));
                    break;
                case ITestFailed failed:
                    run.Results.Add(new FixtureResult(
                        failed.Test.DisplayName,
                        "Failed",
                        string.Join(Environment.NewLine, failed.Messages),
                        failed.ExceptionTypes[0],
                        failed.Output));
                    break;
                case ITestSkipped skipped:
                    run.Results.Add(new FixtureResult(skipped.Test.DisplayName, "Skipped", skipped.Reason, "", skipped.Output));
                    break;
                case ITestClassCleanupFailure cleanup:
                    run.CleanupFailures.Add(string.Join(Environment.NewLine, cleanup.Messages));
                    break;
                case IDiagnosticMessage diagnostic:
                    run.DiagnosticMessages.Add(diagnostic.Message);
                    break;
            }
        }
    }
}
