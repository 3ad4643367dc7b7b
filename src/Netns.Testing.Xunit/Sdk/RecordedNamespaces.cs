using System.Net.Sockets;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>The names of a topology's namespaces by inode, and the sockets that keep those namespaces alive.</summary>
internal sealed class RecordedNamespaces(IReadOnlyDictionary<ulong, string> names, IReadOnlyList<Socket> pins) : IDisposable
{
    public IReadOnlyDictionary<ulong, string> Names { get; } = names;

    public void Dispose()
    {
        foreach (Socket pin in pins)
        {
            pin.Dispose();
        }
    }
}
