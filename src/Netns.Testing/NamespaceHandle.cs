using System.Runtime.InteropServices;
using Netns.Testing.Interop;

namespace Netns.Testing;

/// <summary>
/// An open fd on a network namespace (from /proc/thread-self/ns/net). While any such fd, thread,
/// socket or process refers to the namespace, the kernel keeps it; no bind mount is involved,
/// so it is freed when the process dies, even on a crash.
/// </summary>
internal sealed class NamespaceHandle : SafeHandle
{
    public NamespaceHandle(int fd, ulong inode)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
        Inode = inode;
    }

    public ulong Inode { get; }

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>Opens the network namespace of the calling thread.</summary>
    public static NamespaceHandle OpenCurrentThread(string description)
    {
        int fd = Sys.OpenReadOnly("/proc/thread-self/ns/net", out int errno);
        if (fd < 0)
        {
            throw new NetworkNamespaceException(
                $"Opening the network namespace of {description} failed: {Errno.Describe(errno)}.", errno);
        }

        return new NamespaceHandle(fd, Sys.GetInode(fd));
    }

    /// <summary>Moves the calling thread into this namespace; returns 0 or the errno.</summary>
    public int TryEnter()
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            return Sys.TrySetNetworkNamespace(handle.ToInt32());
        }
        catch (ObjectDisposedException)
        {
            return Errno.EBADF;
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Moves the calling thread into this namespace, or ends the process: for a thread that must not
    /// go on to run its caller's code in the namespace it would otherwise stay in.
    /// </summary>
    public void EnterOrFailFast(string description)
    {
        int errno = TryEnter();
        if (errno != 0)
        {
            Environment.FailFast($"Entering {description} failed: {Errno.Describe(errno)}.");
        }
    }

    protected override bool ReleaseHandle()
    {
        Sys.Close(handle.ToInt32());
        return true;
    }
}
