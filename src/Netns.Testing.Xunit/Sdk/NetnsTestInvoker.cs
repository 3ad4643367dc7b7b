using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Invokes a namespaced test as xunit does, with the constructor, IAsyncLifetime, before/after attributes
/// and Dispose on the xunit worker in the host namespace. Only the method body runs on the body
/// namespace's thread, through <see cref="Topology.RunBodyAsync"/>. The xunit worker waits while the
/// body runs, so xunit's limit on parallel tests also limits parallel bodies.
/// </summary>
internal sealed class NetnsTestInvoker : XunitTestInvoker
{
    /// <summary>
    /// Queues a continuation to the thread pool without the completing thread's execution context. Work
    /// that ends on a namespace thread would otherwise continue there, or carry that thread's namespace
    /// to the thread it is posted to, and the rest of the test (such as Dispose) would run inside it.
    /// </summary>
    internal const ConfigureAwaitOptions Continuation = ConfigureAwaitOptions.ForceYielding;

    private readonly Topology _topology;
    private readonly TestDeclaration _declaration;
    private readonly object[] _dataRow;
    private int _bodyThreadId;

    public NetnsTestInvoker(
        ITest test,
        IMessageBus messageBus,
        Type testClass,
        object[] constructorArguments,
        MethodInfo testMethod,
        object[] testMethodArguments,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        Topology topology,
        TestDeclaration declaration)
        : base(
            test,
            messageBus,
            testClass,
            constructorArguments,
            testMethod,
            [],
            beforeAfterAttributes,
            aggregator,
            cancellationTokenSource)
    {
        _topology = topology;
        _declaration = declaration;
        _dataRow = testMethodArguments ?? [];
    }

    /// <summary>Whether the body was abandoned at its timeout or at cancellation of the run.</summary>
    public bool IsBodyAbandoned { get; private set; }

    /// <summary>The kernel thread id of an abandoned body, still running in its namespace; null otherwise.</summary>
    public int? AbandonedThreadId { get; private set; }

    protected override async Task<decimal> InvokeTestMethodAsync(object testClassInstance)
    {
        // Extensions (such as the services of [NetServices]) get their per-test state after the
        // topology and give it up before the topology is removed.
        ITopologyTestScope? scope;
        try
        {
            scope = await TopologyTestExtensions.CreateScopeAsync(_topology, TestMethod, TestClass);
        }
        catch (Exception e)
        {
            Aggregator.Add(e);
            return 0;
        }

        try
        {
            // xunit checks the argument count against the method before calling it, so the supplied
            // namespaces are resolved first; a resolution problem fails the test before its body.
            try
            {
                TestMethodArguments = _declaration.ResolveArguments(TestMethod, _dataRow, _topology, scope)!;
            }
            catch (Exception e)
            {
                Aggregator.Add(e);
                return 0;
            }

            return await base.InvokeTestMethodAsync(testClassInstance);
        }
        finally
        {
            if (scope is not null)
            {
                // Disposal may end on a namespace thread, and the rest of the test must not continue there.
                await Aggregator.RunAsync(async () => await scope.DisposeAsync().AsTask().ConfigureAwait(Continuation));
            }
        }
    }

    protected override object CallTestMethod(object testClassInstance)
    {
        if (TestMethod.ReturnType == typeof(void) && TestMethod.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            throw new InvalidOperationException(
                $"{TestMethod.Name} is async void, so the adapter cannot tell when its body ends. Return Task instead.");
        }

        Task body = _topology.RunBodyAsync(() => InvokeBody(testClassInstance), CancellationTokenSource.Token);

        // xunit's aggressive parallel algorithm runs tests on its own worker threads and limits parallel
        // tests to their number, so blocking one keeps parallel bodies within the limit. Its default
        // (conservative) algorithm runs tests on pool threads and counts a test as running until it
        // ends, so awaiting keeps the limit there and blocking would starve the pool.
        return Thread.CurrentThread.IsThreadPoolThread ? WaitForBodyAsync(body) : WaitForBody(body);
    }

    private Task InvokeBody(object testClassInstance)
    {
        _bodyThreadId = GetCurrentThreadId();
        object? result = TestMethod.Invoke(
            testClassInstance,
            BindingFlags.DoNotWrapExceptions,
            binder: null,
            TestMethodArguments,
            culture: null);
        return GetTaskFromResult(result) ?? Task.CompletedTask;
    }

    /// <summary>Blocks the xunit worker until the body ends, its timeout expires or the run is cancelled.</summary>
    private Task WaitForBody(Task body)
    {
        int timeout = _declaration.Timeout > 0 ? _declaration.Timeout : Timeout.Infinite;
        CancellationToken cancellation = CancellationTokenSource.Token;
        int signaled = WaitHandle.WaitAny([((IAsyncResult)body).AsyncWaitHandle, cancellation.WaitHandle], timeout);
        return signaled == 0 ? body : Task.FromException(Abandon(body, cancelled: signaled == 1));
    }

    /// <summary>Waits without blocking until the body ends, its timeout expires or the run is cancelled.</summary>
    private async Task WaitForBodyAsync(Task body)
    {
        int timeout = _declaration.Timeout > 0 ? _declaration.Timeout : Timeout.Infinite;
        CancellationToken cancellation = CancellationTokenSource.Token;
        Task limit = Task.Delay(timeout, cancellation);
        // The body ends on its namespace thread, and the rest of the test must not continue from there.
        if (await Task.WhenAny(body, limit).ConfigureAwait(Continuation) == body)
        {
            await body;
            return;
        }

        throw Abandon(body, cancelled: cancellation.IsCancellationRequested);
    }

    /// <summary>Leaves a body still running on its thread and returns the failure that reports it.</summary>
    private Exception Abandon(Task body, bool cancelled)
    {
        // The body keeps running on its thread; its late exception must not surface as unobserved.
        _ = body.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        IsBodyAbandoned = true;
        AbandonedThreadId = _bodyThreadId == 0 ? null : _bodyThreadId;
        string where = $"namespace '{_topology.BodyNamespace.Name}'" + (_bodyThreadId == 0 ? "" : $" (thread {_bodyThreadId})");
        return cancelled
            ? new OperationCanceledException(
                $"The test run was cancelled while the body ran; the body was abandoned in {where}, " +
                "and the topology was torn down.")
            : new TimeoutException(
                $"The test body did not finish within {_declaration.Timeout} ms; it was abandoned in {where}, " +
                "and the topology was torn down.");
    }

    /// <summary>Returns the kernel id of the calling thread, from the /proc/thread-self link ("pid/task/tid").</summary>
    private static int GetCurrentThreadId()
    {
        string? target = new FileInfo("/proc/thread-self").LinkTarget;
        return target is not null && int.TryParse(Path.GetFileName(target), out int id) ? id : 0;
    }
}
