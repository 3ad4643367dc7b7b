namespace Netns.Testing;

public sealed partial class NetworkNamespace
{
    /// <summary>
    /// Reads a file of this namespace's /proc/net, such as "tcp", "igmp6" or "dev". /proc/net and
    /// /proc/self/net show the main thread's namespace, so this reads /proc/thread-self/net from a
    /// thread inside this namespace.
    /// </summary>
    public string ReadProcNetFile(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        // Subdirectories such as "dev_snmp6/lo" are allowed; empty, "." and ".." segments are not.
        if (fileName.Contains("..", StringComparison.Ordinal) || fileName.Split('/').Any(segment => segment is "" or "."))
        {
            throw new ArgumentException(
                $"'{fileName}' is not a file name under /proc/net; give a name such as 'tcp' or 'snmp'.", nameof(fileName));
        }

        return InvokeInside(static path => File.ReadAllText(path), $"/proc/thread-self/net/{fileName}");
    }

    /// <summary>Reads a net sysctl of this namespace, such as <c>net.ipv4.ip_forward</c>.</summary>
    public string ReadSysctl(string name)
    {
        return InvokeInside(static path => File.ReadAllText(path).TrimEnd('\n'), GetSysctlPath(name));
    }

    /// <summary>
    /// Writes a net sysctl of this namespace, such as <c>net.ipv4.ip_forward</c>. The writing
    /// thread is checked to be inside this namespace first, so the host's value is never changed.
    /// </summary>
    public void WriteSysctl(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // The kernel returns success for an empty write and leaves the sysctl unchanged. Options
        // passed to Create are checked for this before the namespace is made.
        if (value.Length == 0)
        {
            throw new NetworkNamespaceException(
                $"Writing sysctl '{name}' = '' in namespace '{Name}' failed: the value is empty, and the kernel ignores an empty write.");
        }

        InvokeInside(
            static write =>
            {
                write.Namespace.WriteSysctlOnCurrentThread(write.Name, write.Value);
                return true;
            },
            (Namespace: this, Name: name, Value: value));
    }

    private void WriteSysctlOnCurrentThread(string name, string value)
    {
        string path = GetSysctlPath(name);
        ulong current = NamespaceThreads.GetCurrentThreadInode();
        if (current != Inode)
        {
            throw new NetworkNamespaceException(
                $"Writing sysctl '{name}' of namespace '{Name}' was stopped: the thread is in namespace {current}, not {Inode}.");
        }

        int errno = Interop.Sys.TryWriteFile(path, value);
        if (errno != 0)
        {
            throw new NetworkNamespaceException(
                $"Writing sysctl '{name}' = '{value}' in namespace '{Name}' failed: {Interop.Errno.Describe(errno)}.", errno);
        }
    }

    /// <summary>Maps "net.ipv4.ip_forward" or "net/ipv4/ip_forward" to its /proc/sys path.</summary>
    internal static string GetSysctlPath(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return GetSysctlProblem(name) is string problem
            ? throw new ArgumentException(problem, nameof(name))
            : "/proc/sys/" + ToRelativePath(name);
    }

    /// <summary>Returns why <paramref name="name"/> is not a net sysctl name, or null when it is one.</summary>
    internal static string? GetSysctlProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a sysctl name is empty; give a name under net., such as net.ipv4.ip_forward.";
        }

        string relative = ToRelativePath(name);
        return !relative.StartsWith("net/", StringComparison.Ordinal) || relative.Contains("..", StringComparison.Ordinal)
            ? $"'{name}' is not a net sysctl; only names under net., such as net.ipv4.ip_forward, belong to a network namespace."
            : null;
    }

    private static string ToRelativePath(string name) => name.Contains('/') ? name : name.Replace('.', '/');
}
