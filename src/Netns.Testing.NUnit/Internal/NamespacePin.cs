using Microsoft.Win32.SafeHandles;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Open handles that keep a topology's namespaces in existence after it is disposed, so their
/// inodes are not reused by a namespace of a test running in parallel while the adapter looks for
/// threads left in them. Each handle is opened through a thread that is in the namespace, never by
/// running code on the namespace's own thread, which may be stuck in a body that did not return.
/// </summary>
internal sealed class NamespacePin : IDisposable
{
    private readonly List<SafeFileHandle> _handles = [];

    private NamespacePin()
    {
    }

    public static NamespacePin Create(IEnumerable<ulong> inodes)
    {
        var pin = new NamespacePin();
        var pending = inodes.ToHashSet();
        foreach (ThreadNamespaceInfo thread in NamespaceThreads.FindThreadsOutsideHost())
        {
            if (pending.Contains(thread.Inode) && pin.TryOpen(thread.ThreadId, thread.Inode))
            {
                pending.Remove(thread.Inode);
            }
        }

        return pin;
    }

    public void Dispose()
    {
        foreach (SafeFileHandle handle in _handles)
        {
            handle.Dispose();
        }
    }

    private bool TryOpen(int threadId, ulong inode)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle($"/proc/self/task/{threadId}/ns/net", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // The thread may have changed namespace or ended between the scan and the open.
        string? target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        if (target != $"net:[{inode}]")
        {
            handle.Dispose();
            return false;
        }

        _handles.Add(handle);
        return true;
    }
}
