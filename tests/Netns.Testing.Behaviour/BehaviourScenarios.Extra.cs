using System.Net.NetworkInformation;

namespace Netns.Testing.Behaviour;

public static partial class BehaviourScenarios
{
    /// <summary>
    /// Continuations after <c>ConfigureAwait(false)</c> may leave the body's thread but stay in the body's
    /// namespace, and the topology the adapter passed is the one <see cref="Topology.Current"/> returns.
    /// </summary>
    public static async Task ConfigureAwaitFalseStaysInNamespaceAsync(Topology topology)
    {
        Check(ReferenceEquals(Topology.Current, topology), "Topology.Current is not the test's topology");
        ulong expected = topology["client"].Inode;
        await Task.Delay(5).ConfigureAwait(false);
        CheckThread(expected, "after await Task.Delay(5).ConfigureAwait(false)");
        await Task.Yield();
        CheckThread(expected, "after a further await Task.Yield()");
    }

    /// <summary>
    /// Code the body runs in the server namespace runs there, and the body is back in the client
    /// namespace once it has awaited it.
    /// </summary>
    public static async Task RunInOtherNamespaceReturnsAsync(Topology topology)
    {
        NetworkNamespace server = topology["server"];
        ulong inServer = await server.RunAsync(() => Task.FromResult(NamespaceThreads.GetCurrentThreadInode()));
        Check(inServer == server.Inode, $"code run in 'server' ran in namespace {inServer}, expected {server.Inode}");
        CheckThread(topology["client"].Inode, "after awaiting code run in 'server'");
    }

    /// <summary>
    /// An ICMP echo from the body to the server's IPv4 and IPv6 addresses gets a reply. The body runs
    /// in the client namespace, so the topology is not used, but it keeps the scenarios' signature.
    /// </summary>
    public static async Task PingAcrossVethAsync(Topology topology)
    {
        using var ping = new Ping();
        foreach (System.Net.IPAddress address in new[] { ServerIPv4, ServerIPv6 })
        {
            PingReply reply = await ping.SendPingAsync(address, TimeSpan.FromSeconds(2));
            Check(reply.Status == IPStatus.Success, $"ping {address} returned {reply.Status}");
        }
    }
}
