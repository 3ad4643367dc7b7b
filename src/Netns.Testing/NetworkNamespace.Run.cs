using System.Runtime.ExceptionServices;
using Netns.Testing.Threading;

namespace Netns.Testing;

public sealed partial class NetworkNamespace
{
    /// <summary>
    /// Runs <paramref name="action"/> on the namespace thread and waits for it. Exceptions
    /// propagate with their original stack trace.
    /// </summary>
    /// <exception cref="NamespaceThreadException">The code left the thread outside the namespace.</exception>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run<object?>(() =>
        {
            action();
            return null;
        });
    }

    /// <summary>Runs <paramref name="func"/> on the namespace thread and returns its result.</summary>
    /// <exception cref="NamespaceThreadException">The code left the thread outside the namespace.</exception>
    public T Run<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        ThrowIfDisposed();
        if (_thread?.IsCurrentThread == true)
        {
            return func();
        }

        NamespaceThread thread = BindThread();
        using NamespaceThread.WaitScope blocked = thread.BlockCaller();
        return Start(thread, () => Task.FromResult(func()), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs an asynchronous delegate on the namespace thread. Its awaits resume on the same
    /// thread, and work it queues to the thread pool runs in this namespace too.
    /// </summary>
    /// <param name="func">The code to run.</param>
    /// <param name="cancellationToken">Cancels the run if it has not started yet.</param>
    public Task RunAsync(Func<Task> func, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(func);
        return RunAsync<object?>(async () =>
        {
            await func();
            return null;
        }, cancellationToken);
    }

    /// <summary>Runs an asynchronous delegate on the namespace thread and returns its result.</summary>
    /// <param name="func">The code to run.</param>
    /// <param name="cancellationToken">Cancels the run if it has not started yet.</param>
    public Task<T> RunAsync<T>(Func<Task<T>> func, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(func);
        ThrowIfDisposed();
        if (_thread?.IsCurrentThread == true)
        {
            // Called from the namespace's own code: run inline, with the same outcomes as a queued run.
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<T>(cancellationToken);
            }

            try
            {
                return func();
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        return HostNamespace.CompleteFromHost(Start(BindThread(), func, cancellationToken));
    }

    private Task<T> Start<T>(NamespaceThread thread, Func<Task<T>> func, CancellationToken cancellationToken)
    {
        // The task captures the execution context here, with this namespace as its logical one,
        // so every continuation and pool item it spawns runs in this namespace.
        using (NamespaceFlow.Use(this))
        {
            return Task.Factory.StartNew(
                () => RunAndVerifyAsync(thread, func),
                cancellationToken,
                TaskCreationOptions.DenyChildAttach,
                thread.Scheduler).Unwrap();
        }
    }

    private async Task<T> RunAndVerifyAsync<T>(NamespaceThread thread, Func<Task<T>> func)
    {
        T result = default!;
        Exception? error = null;
        try
        {
            result = await func();
        }
        catch (Exception e)
        {
            error = e;
        }

        string? difference = thread.Verify(this);
        if (difference is not null && IsDisposed)
        {
            // Disposal moved the thread out while the code awaited, and the rest of it ran in the
            // quarantine namespace; the thread is back in the pool, so it is not retired.
            throw new ObjectDisposedException(
                $"Network namespace '{Name}' was disposed while code run in it was still running; the rest of that " +
                "code ran in an empty quarantine namespace. Dispose the namespace after awaiting its RunAsync calls.",
                error);
        }

        if (difference is not null)
        {
            Retire(thread);
            throw new NamespaceThreadException(difference, error);
        }

        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return result;
    }

    /// <summary>
    /// Replaces a thread found outside its namespaces with a new one from the host and ends it;
    /// work still queued on it moves to the new thread.
    /// </summary>
    private void Retire(NamespaceThread broken)
    {
        NamespaceThread successor = HostNamespace.CreateThread();
        successor.InvokeInternal(() =>
        {
            int errno = _handle.TryEnter();
            if (errno != 0)
            {
                throw new NetworkNamespaceException(
                    $"Entering namespace '{Name}' on a new thread failed: {Interop.Errno.Describe(errno)}.", errno);
            }

            successor.Assign(this);
            return true;
        });
        lock (_threadGate)
        {
            _thread = successor;
        }

        lock (_retiredThreads)
        {
            _retiredThreads.Add(broken);
        }

        broken.Stop(successor);
    }
}
