using Netns.Testing.Interop;

namespace Netns.Testing;

/// <summary>
/// A failure of a namespace operation: creating, entering or configuring a network namespace.
/// </summary>
public class NetworkNamespaceException : Exception
{
    /// <summary>Initializes an exception with a message and, where a system call failed, its errno.</summary>
    public NetworkNamespaceException(string message, int errno = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Errno = errno;
    }

    /// <summary>The errno of the failed system call, or 0 when no system call failed.</summary>
    public int Errno { get; }

    /// <summary>The symbolic name of <see cref="Errno"/>, such as <c>EEXIST</c>, or null when it is 0.</summary>
    public string? ErrnoName => Errno == 0 ? null : Interop.Errno.GetName(Errno);
}
