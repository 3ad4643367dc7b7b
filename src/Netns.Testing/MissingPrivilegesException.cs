namespace Netns.Testing;

/// <summary>
/// The process lacks the capabilities that creating network namespaces needs. The message names
/// the missing capabilities and how to run instead. Test adapters can report it as skipped when
/// the user opts in.
/// </summary>
public sealed class MissingPrivilegesException : NetworkNamespaceException
{
    /// <summary>Initializes an exception naming the missing capabilities.</summary>
    public MissingPrivilegesException(string message, IReadOnlyList<string> missingCapabilities, int errno)
        : base(message, errno)
    {
        MissingCapabilities = missingCapabilities;
    }

    /// <summary>The missing capabilities, such as CAP_SYS_ADMIN.</summary>
    public IReadOnlyList<string> MissingCapabilities { get; }
}
