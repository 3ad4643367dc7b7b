using System.Runtime.InteropServices;

namespace Netns.Testing.Interop;

/// <summary>Names and texts of Linux errno values, for error messages such as "File exists (EEXIST)".</summary>
internal static class Errno
{
    // Numbers from asm-generic/errno-base.h and asm-generic/errno.h, which x86-64 and arm64 share.
    private static readonly Dictionary<int, string> s_names = new()
    {
        [1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [6] = "ENXIO",
        [7] = "E2BIG", [9] = "EBADF", [11] = "EAGAIN", [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT",
        [16] = "EBUSY", [17] = "EEXIST", [19] = "ENODEV", [20] = "ENOTDIR", [22] = "EINVAL",
        [23] = "ENFILE", [24] = "EMFILE", [28] = "ENOSPC", [34] = "ERANGE", [38] = "ENOSYS",
        [61] = "ENODATA", [71] = "EPROTO", [74] = "EBADMSG", [90] = "EMSGSIZE", [92] = "ENOPROTOOPT",
        [93] = "EPROTONOSUPPORT", [95] = "EOPNOTSUPP", [97] = "EAFNOSUPPORT", [98] = "EADDRINUSE",
        [99] = "EADDRNOTAVAIL", [100] = "ENETDOWN", [101] = "ENETUNREACH", [105] = "ENOBUFS",
        [110] = "ETIMEDOUT", [111] = "ECONNREFUSED", [113] = "EHOSTUNREACH",
    };

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EBADF = 9;
    public const int ENOBUFS = 105;

    public static string GetName(int errno) => s_names.TryGetValue(errno, out string? name) ? name : $"errno {errno}";

    public static string GetText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Formats an errno as "File exists (EEXIST)".</summary>
    public static string Describe(int errno) => $"{GetText(errno)} ({GetName(errno)})";
}
