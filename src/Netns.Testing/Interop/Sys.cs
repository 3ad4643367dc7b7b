using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Netns.Testing.Interop;

/// <summary>The system calls the library makes, each turning a failure into one exception with its errno.</summary>
internal static unsafe class Sys
{

    /// <summary>Moves the calling thread into a new network namespace.</summary>
    public static int TryUnshareNetwork() => unshare(CLONE_NEWNET) == 0 ? 0 : LibC.errno;

    /// <summary>Moves the calling thread into the network namespace that <paramref name="fd"/> refers to.</summary>
    public static int TrySetNetworkNamespace(int fd) => setns(fd, CLONE_NEWNET) == 0 ? 0 : LibC.errno;

    public static int OpenReadOnly(string path, out int errno)
    {
        byte* pathBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        int length = Encoding.UTF8.GetBytes(path, new Span<byte>(pathBytes, Encoding.UTF8.GetMaxByteCount(path.Length)));
        pathBytes[length] = 0;
        int fd = open(pathBytes, O_RDONLY | O_CLOEXEC, 0);
        errno = fd < 0 ? LibC.errno : 0;
        return fd;
    }

    public static void Close(int fd) => close(fd);

    /// <summary>Writes <paramref name="text"/> to an existing file, as a sysctl write needs; returns 0 or the errno.</summary>
    public static int TryWriteFile(string path, string text)
    {
        byte* pathBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        int pathLength = Encoding.UTF8.GetBytes(path, new Span<byte>(pathBytes, Encoding.UTF8.GetMaxByteCount(path.Length)));
        pathBytes[pathLength] = 0;
        int fd = open(pathBytes, O_WRONLY | O_CLOEXEC, 0);
        if (fd < 0)
        {
            return LibC.errno;
        }

        byte[] content = Encoding.UTF8.GetBytes(text);
        int errno = 0;
        fixed (byte* buffer = content)
        {
            if ((long)write(fd, buffer, (size_t)content.Length) < 0)
            {
                errno = LibC.errno;
            }
        }

        close(fd);
        return errno;
    }

    /// <summary>Returns the inode of a namespace fd, the identity that /proc/*/ns/* links show.</summary>
    public static ulong GetInode(int fd)
    {
        stat st;
        if (fstat(fd, &st) != 0)
        {
            int errno = LibC.errno;
            throw new NetworkNamespaceException($"fstat of namespace fd {fd} failed: {Errno.Describe(errno)}.", errno);
        }

        return (ulong)st.st_ino;
    }

    /// <summary>
    /// Reads the inode from a namespace link such as /proc/thread-self/ns/net ("net:[4026531840]").
    /// Returns 0 when the link is gone, as it is for a thread that has exited.
    /// </summary>
    public static ulong ReadNamespaceInode(string path)
    {
        Span<byte> target = stackalloc byte[64];
        int length = ReadLink(path, target);
        if (length <= 0)
        {
            return 0;
        }

        ReadOnlySpan<byte> text = target.Slice(0, length);
        int open = text.IndexOf((byte)'[');
        int close = text.IndexOf((byte)']');
        if (open < 0 || close <= open)
        {
            return 0;
        }

        return ulong.TryParse(Encoding.ASCII.GetString(text.Slice(open + 1, close - open - 1)), out ulong inode) ? inode : 0;
    }

    /// <summary>Returns the kernel thread id of the calling thread, from the /proc/thread-self link.</summary>
    public static int GetCurrentThreadId()
    {
        // /proc/thread-self links to "<pid>/task/<tid>".
        Span<byte> target = stackalloc byte[64];
        int length = ReadLink("/proc/thread-self", target);
        ReadOnlySpan<byte> text = target.Slice(0, Math.Max(length, 0));
        int slash = text.LastIndexOf((byte)'/');
        return int.Parse(Encoding.ASCII.GetString(text.Slice(slash + 1)));
    }

    public static int Kill(int pid, int signal) => kill(pid, signal) == 0 ? 0 : LibC.errno;

    private static int ReadLink(string path, Span<byte> destination)
    {
        byte* pathBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        int pathLength = Encoding.UTF8.GetBytes(path, new Span<byte>(pathBytes, Encoding.UTF8.GetMaxByteCount(path.Length)));
        pathBytes[pathLength] = 0;
        fixed (byte* buffer = destination)
        {
            return (int)readlink(pathBytes, buffer, (size_t)destination.Length);
        }
    }
}
