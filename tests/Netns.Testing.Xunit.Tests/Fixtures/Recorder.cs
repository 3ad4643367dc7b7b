using System.Collections.Concurrent;

namespace Netns.Testing.Xunit.Tests.Fixtures;

/// <summary>
/// What fixture tests saw, keyed by fixture and test, for the test that ran the fixture to check.
/// Each fixture uses its own keys, so fixtures run in parallel do not mix.
/// </summary>
internal static class Recorder
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<object>> s_values = new();

    public static void Add(string key, object value) => s_values.GetOrAdd(key, _ => new()).Enqueue(value);

    public static IReadOnlyList<object> Get(string key) => s_values.TryGetValue(key, out var values) ? [.. values] : [];

    public static void Clear(string prefix)
    {
        foreach (string key in s_values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            s_values.TryRemove(key, out _);
        }
    }
}
