using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Netns.Testing.Tests.Kernel;

/// <summary>A logger that keeps each entry's event id and structured values.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(EventId EventId, IReadOnlyDictionary<string, object?> Values)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue((eventId, values.ToDictionary(p => p.Key, p => p.Value)));
    }
}
