using Netns.Testing.Interop;

namespace Netns.Testing.Netlink;

/// <summary>
/// A netlink request that the kernel rejected. The message names the operation, the object, the
/// namespace, the errno and the kernel's extended-ack text, for example
/// "Creating veth 'eth0' in namespace 'ns1' failed: File exists (EEXIST)".
/// </summary>
public sealed class NetlinkException : NetworkNamespaceException
{
    /// <summary>Initializes an exception for a rejected request.</summary>
    public NetlinkException(string operation, string namespaceName, int errno, string? extendedAckMessage)
        : base(FormatMessage(operation, namespaceName, errno, extendedAckMessage), errno)
    {
        Operation = operation;
        NamespaceName = namespaceName;
        ExtendedAckMessage = extendedAckMessage;
    }

    /// <summary>The operation and its object, such as "Creating veth 'eth0'".</summary>
    public string Operation { get; }

    /// <summary>The logical name of the namespace whose netlink socket sent the request.</summary>
    public string NamespaceName { get; }

    /// <summary>The kernel's extended-ack message (NLMSGERR_ATTR_MSG), when it sent one.</summary>
    public string? ExtendedAckMessage { get; }

    /// <summary>The text of <see cref="NetworkNamespaceException.Errno"/>, such as "File exists".</summary>
    public string ErrnoText => Interop.Errno.GetText(Errno);

    private static string FormatMessage(string operation, string namespaceName, int errno, string? extendedAckMessage)
    {
        string message = $"{operation} in namespace '{namespaceName}' failed: {Interop.Errno.Describe(errno)}";
        return string.IsNullOrEmpty(extendedAckMessage) ? message + "." : $"{message}. Kernel: {extendedAckMessage}.";
    }
}
