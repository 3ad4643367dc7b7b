namespace Netns.Testing.Threading;

/// <summary>
/// Posts continuations back to one namespace thread, so code after an <c>await</c> resumes in
/// the same network namespace.
/// </summary>
internal sealed class NamespaceSynchronizationContext : SynchronizationContext
{
    private readonly NamespaceThread _thread;

    public NamespaceSynchronizationContext(NamespaceThread thread)
    {
        _thread = thread;
    }

    public override void Post(SendOrPostCallback d, object? state) => _thread.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (_thread.IsCurrentThread)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Exception? error = null;
        _thread.Post(_ =>
        {
            try
            {
                d(state);
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    public override SynchronizationContext CreateCopy() => this;
}
