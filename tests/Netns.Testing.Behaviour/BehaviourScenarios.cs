using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netns.Testing.Behaviour;

/// <summary>
/// Scenarios every test adapter must pass, written once. Each adapter's test project declares
/// <see cref="Declarations"/> on a test, and the test body calls the scenario with the running
/// topology. A scenario throws <see cref="ScenarioFailedException"/> when the behaviour is wrong.
/// </summary>
public static partial class BehaviourScenarios
{
    /// <summary>The declarations each scenario test carries, for reference in adapter tests.</summary>
    public const string Declarations =
        "[NetNamespace(\"client\", Body = true)] [NetNamespace(\"server\")] " +
        "[VethLink(\"client\", \"eth0\", \"server\", \"eth0\", Address1 = ClientAddresses, Address2 = ServerAddresses)]";

    public const string ClientAddresses = "198.18.0.1/24, fd5e:7e57::1/64";
    public const string ServerAddresses = "198.18.0.2/24, fd5e:7e57::2/64";
    public static readonly IPAddress ServerIPv4 = IPAddress.Parse("198.18.0.2");
    public static readonly IPAddress ServerIPv6 = IPAddress.Parse("fd5e:7e57::2");

    /// <summary>The body runs in the client namespace, never the host's, and stays there across awaits.</summary>
    public static async Task BodyStaysInItsNamespaceAsync(Topology topology)
    {
        ulong expected = topology["client"].Inode;
        Check(expected != HostNamespace.Inode, "the client namespace is the host's");
        CheckThread(expected, "at the start of the body");
        await Task.Yield();
        CheckThread(expected, "after await Task.Yield()");
        await Task.Delay(5);
        CheckThread(expected, "after await Task.Delay(5)");
        ulong poolInode = await Task.Run(NamespaceThreads.GetCurrentThreadInode);
        Check(poolInode == expected, $"a Task.Run item ran in namespace {poolInode}, expected {expected}");
    }

    /// <summary>Both declared namespaces are reachable by name, distinct, and hold their own interfaces.</summary>
    public static void NamespacesAreReachableByName(Topology topology)
    {
        NetworkNamespace client = topology["client"];
        NetworkNamespace server = topology["server"];
        Check(client.Inode != server.Inode, "client and server share one namespace");
        Check(client.Netlink.GetLink("eth0")?.IsUp == true, "client has no eth0 that is up");
        Check(server.Netlink.GetLink("eth0")?.IsUp == true, "server has no eth0 that is up");
        Check(topology.Namespaces.Count == 2, $"the topology has {topology.Namespaces.Count} namespaces, expected 2");
    }

    /// <summary>A TCP echo from the client body to a listener in the server namespace.</summary>
    public static async Task TcpEchoAcrossVethAsync(Topology topology, AddressFamily family)
    {
        IPAddress address = family == AddressFamily.InterNetworkV6 ? ServerIPv6 : ServerIPv4;
        using Socket listener = topology["server"].CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        Task echo = EchoOnceAsync(listener);

        using var client = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(endPoint, timeout.Token);
        await client.SendAsync(Encoding.ASCII.GetBytes("ping"), timeout.Token);
        var buffer = new byte[16];
        int received = await client.ReceiveAsync(buffer, timeout.Token);
        await echo;
        Check(Encoding.ASCII.GetString(buffer, 0, received) == "ping", $"the echo returned '{Encoding.ASCII.GetString(buffer, 0, received)}'");
    }

    /// <summary>A UDP request and reply between the client body and the server namespace.</summary>
    public static async Task UdpRequestReplyAcrossVethAsync(Topology topology, AddressFamily family)
    {
        IPAddress address = family == AddressFamily.InterNetworkV6 ? ServerIPv6 : ServerIPv4;
        using Socket server = topology["server"].CreateSocket(family, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(address, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Task reply = Task.Run(async () =>
        {
            var buffer = new byte[64];
            SocketReceiveFromResult request = await server.ReceiveFromAsync(buffer, new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), timeout.Token);
            await server.SendToAsync(buffer.AsMemory(0, request.ReceivedBytes), request.RemoteEndPoint, timeout.Token);
        });

        using var client = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        await client.SendToAsync(Encoding.ASCII.GetBytes("query"), server.LocalEndPoint!, timeout.Token);
        var answer = new byte[64];
        int received = await client.ReceiveAsync(answer, timeout.Token);
        await reply;
        Check(Encoding.ASCII.GetString(answer, 0, received) == "query", "the UDP reply differs from the request");
    }

    /// <summary>
    /// A listener on the host's 127.0.0.1 cannot be reached from the body: connecting to its port
    /// on 127.0.0.1 reaches the namespace's own loopback, where nothing listens.
    /// </summary>
    public static async Task HostLoopbackIsUnreachableAsync(Topology topology)
    {
        using Socket decoy = HostNamespace.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen();
            return socket;
        });
        int port = ((IPEndPoint)decoy.LocalEndPoint!).Port;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return;
        }

        throw new ScenarioFailedException($"the body reached the host's listener on 127.0.0.1:{port}");
    }

    private static async Task EchoOnceAsync(Socket listener)
    {
        using Socket connection = await listener.AcceptAsync();
        var buffer = new byte[16];
        int received = await connection.ReceiveAsync(buffer);
        await connection.SendAsync(buffer.AsMemory(0, received));
    }

    private static void CheckThread(ulong expected, string when)
    {
        ulong actual = NamespaceThreads.GetCurrentThreadInode();
        Check(actual == expected, $"{when} the thread is in namespace {actual}, expected {expected}");
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            throw new ScenarioFailedException(failure);
        }
    }
}

/// <summary>A shared behaviour scenario found the adapter behaving wrongly.</summary>
public sealed class ScenarioFailedException(string message) : Exception(message);
