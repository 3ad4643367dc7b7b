namespace Netns.Testing.Xunit.Sdk;

/// <summary>The names of a topology's namespaces by inode, and the pin that keeps those namespaces in existence.</summary>
internal sealed class RecordedNamespaces(IReadOnlyDictionary<ulong, string> names, IDisposable pin) : IDisposable
{
    public IReadOnlyDictionary<ulong, string> Names { get; } = names;

    public void Dispose() => pin.Dispose();
}
