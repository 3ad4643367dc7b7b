using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink;

/// <summary>
/// A managed rtnetlink client for one network namespace: links, addresses and routes. Its socket
/// was opened inside the namespace, so every request acts there whichever thread calls.
/// Calls are serialized; each request waits for the kernel's acknowledgement.
/// </summary>
public sealed partial class RouteNetlinkClient : IDisposable
{
    private readonly RouteNetlinkSocket _socket;
    private readonly Lock _gate = new();
    private readonly string _namespaceName;

    internal RouteNetlinkClient(RouteNetlinkSocket socket, string namespaceName)
    {
        _socket = socket;
        _namespaceName = namespaceName;
    }

    /// <summary>The logical name of the namespace the client configures.</summary>
    public string NamespaceName => _namespaceName;

    private NetlinkMessageWriter BeginRequest(ushort type, ushort flags)
    {
        NetlinkMessageWriter writer = _socket.Writer;
        writer.Reset();
        writer.BeginMessage(type, (ushort)(NLM_F_REQUEST | flags), _socket.NextSequence());
        return writer;
    }

    private void Acknowledge(NetlinkMessageWriter writer, string operation)
    {
        writer.EndMessage();
        _socket.SendAndAcknowledge(operation);
    }

    /// <summary>Closes the client's netlink socket.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _socket.Dispose();
        }
    }
}
