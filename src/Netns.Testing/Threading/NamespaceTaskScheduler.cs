namespace Netns.Testing.Threading;

/// <summary>Runs tasks on one namespace thread, one at a time.</summary>
internal sealed class NamespaceTaskScheduler : TaskScheduler
{
    private readonly NamespaceThread _thread;

    public NamespaceTaskScheduler(NamespaceThread thread)
    {
        _thread = thread;
    }

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) =>
        _thread.Post(static state => ((TaskExecutor)state!).Execute(), new TaskExecutor(this, task));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _thread.IsCurrentThread && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private sealed class TaskExecutor(NamespaceTaskScheduler scheduler, Task task)
    {
        public void Execute() => scheduler.TryExecuteTask(task);
    }
}
