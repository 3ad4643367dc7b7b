using System.Collections.Concurrent;

namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>
/// A service disposed with its provider that records, under <see cref="Id"/>, whether its namespace
/// still existed then, and fails the disposal when it did not.
/// </summary>
public sealed class NamespaceProbe(NetworkNamespace ns) : IDisposable
{
    /// <summary>For each disposed probe, whether its namespace was already disposed at that time.</summary>
    public static ConcurrentDictionary<Guid, bool> NamespaceDisposedAtDispose { get; } = new();

    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose()
    {
        NamespaceDisposedAtDispose[Id] = ns.IsDisposed;
        if (ns.IsDisposed)
        {
            throw new InvalidOperationException($"Namespace '{ns.Name}' was disposed before the service provider.");
        }
    }
}
