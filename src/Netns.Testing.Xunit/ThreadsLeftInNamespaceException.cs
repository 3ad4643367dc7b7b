namespace Netns.Testing.Xunit;

/// <summary>Threads started by a test were still in its network namespaces after it ended.</summary>
public sealed class ThreadsLeftInNamespaceException : Exception
{
    /// <summary>Initializes an exception naming every thread left behind.</summary>
    public ThreadsLeftInNamespaceException(IReadOnlyList<ThreadNamespaceInfo> threads)
        : base(FormatMessage(threads))
    {
        Threads = threads;
    }

    /// <summary>The threads left in the test's namespaces.</summary>
    public IReadOnlyList<ThreadNamespaceInfo> Threads { get; }

    private static string FormatMessage(IReadOnlyList<ThreadNamespaceInfo> threads) =>
        $"{threads.Count} thread{(threads.Count == 1 ? " was" : "s were")} still in the test's network namespaces " +
        $"after teardown: {string.Join("; ", threads)}. A thread started inside a namespace stays in it; " +
        "stop or join such threads before the test returns.";
}
