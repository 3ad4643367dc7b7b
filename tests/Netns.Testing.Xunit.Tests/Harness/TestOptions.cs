using Xunit.Abstractions;

namespace Netns.Testing.Xunit.Tests.Harness;

/// <summary>Discovery and execution options for running fixture classes in-process.</summary>
internal sealed class TestOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal)
    {
        ["xunit.discovery.PreEnumerateTheories"] = true,
    };

    public TestOptions(int maxParallelThreads = 0)
    {
        if (maxParallelThreads > 0)
        {
            _values["xunit.execution.MaxParallelThreads"] = maxParallelThreads;
        }
    }

    public TValue GetValue<TValue>(string name) =>
        _values.TryGetValue(name, out object? value) && value is TValue typed ? typed : default!;

    public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
}
