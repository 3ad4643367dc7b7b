using System.Diagnostics;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Runs one namespaced test: builds its topology (or takes its class's), runs the test class and body
/// through <see cref="NetnsTestInvoker"/>, removes the topology, then fails the test for any thread left
/// in its namespaces. Setup and teardown lines go to the test's output.
/// </summary>
internal sealed class NetnsTestRunner : XunitTestRunner
{
    private readonly TestDeclaration _declaration;
    private readonly NetnsRunContext _context;

    private NetnsTestRunner(
        ITest test,
        IMessageBus messageBus,
        Type testClass,
        object[] constructorArguments,
        MethodInfo testMethod,
        object[] testMethodArguments,
        string? skipReason,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        TestDeclaration declaration,
        NetnsRunContext context)
        : base(
            test,
            messageBus,
            testClass,
            constructorArguments,
            testMethod,
            testMethodArguments,
            skipReason!,
            beforeAfterAttributes,
            aggregator,
            cancellationTokenSource)
    {
        _declaration = declaration;
        _context = context;
    }

    public static NetnsTestRunner Create(
        ITest test,
        IMessageBus messageBus,
        Type testClass,
        object[] constructorArguments,
        MethodInfo testMethod,
        object[] testMethodArguments,
        string? skipReason,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        NetnsRunContext context)
    {
        var declaration = TestDeclaration.Read(testClass, testMethod);

        // A test with a broken declaration fails even without privileges: it is wrong everywhere.
        if (skipReason is null &&
            declaration.Problem is null &&
            declaration.Spec.Validate().Count == 0 &&
            PrivilegeCheck.SkipWhenUnprivileged &&
            PrivilegeCheck.Missing is MissingPrivilegesException missing)
        {
            skipReason = missing.Message;
        }

        return new NetnsTestRunner(
            test,
            messageBus,
            testClass,
            constructorArguments,
            testMethod,
            testMethodArguments,
            skipReason,
            beforeAfterAttributes,
            aggregator,
            cancellationTokenSource,
            declaration,
            context);
    }

    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        // xunit passes a Func<TestOutputHelper> placeholder for a constructor's ITestOutputHelper and
        // swaps in a fresh helper per test; the copy keeps the shared array intact for the next test.
        // The adapter's lines go to that helper, or to one of its own whose text is the test's output.
        TestOutputHelper output = new();
        ConstructorArguments = ConstructorArguments
            .Select(argument => argument is Func<TestOutputHelper> or TestOutputHelper ? output : argument)
            .ToArray();
        output.Initialize(MessageBus, Test);
        try
        {
            decimal time = await RunInTopologyAsync(aggregator, new TestOutputLogger(output.WriteLine));
            return Tuple.Create(time, output.Output);
        }
        finally
        {
            output.Uninitialize();
        }
    }

    private async Task<decimal> RunInTopologyAsync(ExceptionAggregator aggregator, TestOutputLogger log)
    {
        long started = Stopwatch.GetTimestamp();
        if (_declaration.Problem is string problem)
        {
            aggregator.Add(new InvalidOperationException(problem));
            return 0;
        }

        IReadOnlyList<TopologyProblem> problems = _declaration.Spec.Validate();
        if (problems.Count > 0)
        {
            aggregator.Add(new TopologyValidationException(problems));
            return 0;
        }

        if (PrivilegeCheck.Missing is MissingPrivilegesException missing)
        {
            aggregator.Add(missing);
            return 0;
        }

        HostNamespace.EnsureInitialized();
        bool shared = _declaration.Scope == TopologyScope.Class;
        Topology topology;
        try
        {
            // Building ends on namespace threads, and the rest of the test must not continue from there.
            topology = shared
                ? await GetClassTopologyAsync(log)
                : await Topology.BuildAsync(_declaration.Spec, log, CancellationTokenSource.Token)
                    .ConfigureAwait(NetnsTestInvoker.Continuation);
        }
        catch (Exception e)
        {
            aggregator.Add(PrivilegeCheck.Translate(e));
            return ElapsedSeconds(started);
        }

        using RecordedNamespaces namespaces = ThreadCheck.RecordNamespaces(topology);
        var invoker = new NetnsTestInvoker(
            Test,
            MessageBus,
            TestClass,
            ConstructorArguments,
            TestMethod,
            TestMethodArguments,
            BeforeAfterAttributes,
            aggregator,
            CancellationTokenSource,
            topology,
            _declaration);
        try
        {
            await invoker.RunAsync();
        }
        finally
        {
            if (!shared)
            {
                await topology.DisposeAsync();
            }
            else if (invoker.IsBodyAbandoned)
            {
                _context.ClassTopology!.MarkAbandoned(Test.DisplayName);
            }
        }

        // While a class topology lives, each namespace's own thread belongs in it. A body abandoned at its
        // timeout keeps its thread, and the timeout failure already names that thread.
        Exception? left = await ThreadCheck.FindLeftThreadsAsync(
            namespaces,
            shared ? topology : null,
            invoker.AbandonedThreadId);
        if (left is not null)
        {
            aggregator.Add(left);
        }

        return ElapsedSeconds(started);
    }

    private async Task<Topology> GetClassTopologyAsync(TestOutputLogger log)
    {
        ClassTopology classTopology = _context.ClassTopology ?? throw new InvalidOperationException(
            $"{TestClass.Name} uses [NetTopologyScope(TopologyScope.Class)], which needs the test framework " +
            $"{NetnsTestFramework.TypeName} to run it.");
        Topology topology = await classTopology.GetAsync().ConfigureAwait(NetnsTestInvoker.Continuation);
        log.WriteLine($"Using the class topology, built in {topology.SetupTime.TotalMilliseconds:F2} ms: {topology.Spec}");
        return topology;
    }

    private static decimal ElapsedSeconds(long started) => (decimal)Stopwatch.GetElapsedTime(started).TotalSeconds;
}
