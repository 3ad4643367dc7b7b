namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>Records what services did, in order, with the state of the topology at each step.</summary>
public sealed class EventLog
{
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Set by a test so each event also records whether the namespaces were disposed.</summary>
    public Topology? Topology { get; set; }

    public void Add(string text)
    {
        string state = Topology is null
            ? ""
            : $" (namespaces disposed: {string.Join(", ", Topology.Namespaces.Values.Select(n => $"{n.Name}={n.IsDisposed}"))})";
        lock (_events)
        {
            _events.Add(text + state);
        }
    }
}
