using System.Reflection;

namespace Netns.Testing;

/// <summary>
/// The state an <see cref="ITopologyTestExtension"/> keeps for one test. It lives from after the
/// topology is built until after the body ends, and is disposed while the topology still exists.
/// </summary>
public interface ITopologyTestScope : IAsyncDisposable
{
    /// <summary>The service provider the test may use, or null when the extension has none.</summary>
    IServiceProvider? Services { get; }

    /// <summary>
    /// Gives the value of a body parameter, or returns false to let the adapter, or another
    /// extension, fill it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The extension owns the parameter but has no value for it. The message names the parameter.</exception>
    bool TryGetArgument(ParameterInfo parameter, out object? value);
}
