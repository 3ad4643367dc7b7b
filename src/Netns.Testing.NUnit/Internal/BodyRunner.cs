using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Runs a test method in the body namespace of the running test's topology and waits for it. The
/// wait ends at the test's [CancelAfter] or [Timeout] plus a short grace period, so a body that
/// ignores cancellation does not keep its topology alive.
/// </summary>
internal static class BodyRunner
{
    /// <summary>
    /// How long a body may keep running after its test was cancelled or timed out. Past it, the
    /// test fails and the topology is torn down while the body still runs.
    /// </summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    public static Task<object?> RunAsync(Func<object?> invoke)
    {
        Topology topology = NetnsContext.Topology;
        TestExecutionContext context = TestExecutionContext.CurrentContext;
        object? result = null;
        Task body = topology.RunBodyAsync(async () => result = await AwaitResultAsync(invoke()));
        return SuperviseAsync(body, () => result, context);
    }

    /// <summary>Whether NUnit treats the method as asynchronous and waits for what it returns.</summary>
    public static bool IsAwaitable(MethodInfo method) =>
        method.ReturnType.GetMethod(nameof(Task.GetAwaiter), Type.EmptyTypes) is not null ||
        method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false);

    private static async Task<object?> SuperviseAsync(Task body, Func<object?> result, TestExecutionContext context)
    {
        IPropertyBag properties = context.CurrentTest.Properties;
        int timeout = properties.ContainsKey(PropertyNames.Timeout)
            ? (int)properties.Get(PropertyNames.Timeout)!
            : context.TestCaseTimeout;
        bool useCancellation = properties.ContainsKey(PropertyNames.UseCancellation)
            ? (bool)properties.Get(PropertyNames.UseCancellation)!
            : context.UseCancellation;

        // [CancelAfter] cancels the context's token; NUnit's [Timeout] on .NET stops waiting for the
        // test at its deadline but leaves it running, so the deadline is watched here as well.
        CancellationToken cancellation = context.CancellationToken;
        bool hasDeadline = timeout > 0 && !useCancellation;
        if (cancellation.CanBeCanceled || hasDeadline)
        {
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using CancellationTokenRegistration registration = cancellation.Register(() => cancelled.TrySetResult());
            Task stop = hasDeadline ? Task.WhenAny(cancelled.Task, Task.Delay(timeout)) : cancelled.Task;
            if (await Task.WhenAny(body, stop).ConfigureAwait(false) != body &&
                await Task.WhenAny(body, Task.Delay(StopGrace)).ConfigureAwait(false) != body)
            {
                _ = body.ContinueWith(
                    static t => t.Exception,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                throw new AssertionException(DescribeAbandoned(hasDeadline ? "Timeout" : "CancelAfter", timeout));
            }
        }

        await body.ConfigureAwait(false);
        return result();
    }

    private static string DescribeAbandoned(string attribute, int timeout) =>
        $"Test exceeded {attribute} value of {timeout}ms, and its body was still running " +
        $"{StopGrace.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s later, so its topology was torn down " +
        "while it ran. Pass TestContext.CurrentContext.CancellationToken to every wait in the body.";

    /// <summary>Awaits what the test method returned, on the body's thread, and returns its result.</summary>
    private static async Task<object?> AwaitResultAsync(object? returned)
    {
        switch (returned)
        {
            case null:
                return null;
            case Task task:
                await task;
                return GetTaskResult(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
        }

        Type type = returned.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var task = (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!;
            await task;
            return GetTaskResult(task);
        }

        // NOTE: other awaitable types are not awaited; the body ends when the method returns.
        return returned;
    }

    private static object? GetTaskResult(Task task)
    {
        for (Type? type = task.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
            {
                // Async methods without a result complete a Task<VoidTaskResult>.
                return type.GenericTypeArguments[0].Name == "VoidTaskResult"
                    ? null
                    : type.GetProperty(nameof(Task<int>.Result))!.GetValue(task);
            }
        }

        return null;
    }
}
