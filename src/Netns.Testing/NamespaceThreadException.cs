namespace Netns.Testing;

/// <summary>
/// A namespace-bound thread was found outside the namespaces recorded for it after running
/// user code, for example because the code called setns(2) or unshare(2) itself. Such a thread
/// is never reused: it ends, and the namespace gets a new thread.
/// </summary>
public sealed class NamespaceThreadException : NetworkNamespaceException
{
    /// <summary>Initializes an exception naming what differed.</summary>
    public NamespaceThreadException(string message, Exception? innerException = null)
        : base(message, 0, innerException)
    {
    }
}
