// The classic two-namespace example: two namespaces, a veth between them, addresses on both
// ends, links up, then an ICMP echo and a TCP exchange from one namespace to the other.
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Netns.Testing;

TopologySpec spec = new TopologyBuilder()
    .AddNamespace("ns1", body: true)
    .AddNamespace("ns2")
    .AddVeth(new VethSpec(
        new VethEndSpec("ns1", "veth1") { Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"] },
        new VethEndSpec("ns2", "veth2") { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"] }))
    .ToSpec();

Topology topology;
try
{
    topology = await Topology.BuildAsync(spec);
}
catch (Exception e) when (e is NetworkNamespaceException or TopologyBuildException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

await using (topology)
{
    NetworkNamespace ns1 = topology["ns1"];
    NetworkNamespace ns2 = topology["ns2"];
    Console.WriteLine($"Built in {topology.SetupTime.TotalMilliseconds:F2} ms: {topology}");
    foreach (NetworkNamespace ns in new[] { ns1, ns2 })
    {
        Console.WriteLine($"  {ns.Name}: {string.Join(", ", ns.Netlink.GetLinks())}");
        Console.WriteLine($"  {ns.Name}: {string.Join(", ", ns.Netlink.GetAddresses().Select(a => a.Address))}");
    }

    // ICMP echo from ns1 to ns2, over IPv4 and IPv6.
    await ns1.RunAsync(async () =>
    {
        using var ping = new Ping();
        foreach (string target in new[] { "198.18.0.2", "fd5e:7e57::2" })
        {
            PingReply reply = await ping.SendPingAsync(IPAddress.Parse(target), 1000);
            Console.WriteLine($"ping {target} from ns1: {reply.Status} in {reply.RoundtripTime} ms");
            if (reply.Status != IPStatus.Success)
            {
                throw new InvalidOperationException($"ping {target} failed: {reply.Status}");
            }
        }
    });

    // A TCP echo server in ns2 and a client in ns1.
    using Socket listener = ns2.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007));
    listener.Listen();
    Task server = Task.Run(async () =>
    {
        using Socket connection = await listener.AcceptAsync();
        var buffer = new byte[256];
        int received = await connection.ReceiveAsync(buffer);
        await connection.SendAsync(buffer.AsMemory(0, received));
    });

    string answer = await ns1.RunAsync(async () =>
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 7007));
        await client.SendAsync(Encoding.UTF8.GetBytes("hello from ns1"));
        var buffer = new byte[256];
        int received = await client.ReceiveAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, received);
    });
    await server;
    Console.WriteLine($"TCP echo: ns1 sent \"hello from ns1\" to the server in ns2 at 198.18.0.2:7007 and got back \"{answer}\"");
}

Console.WriteLine("Torn down: both namespaces and the veth pair are gone.");
return 0;
