using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing;

/// <summary>Times each step of the benchmark workload separately, through the core API.</summary>
internal static class PhaseBenchmark
{
    private static readonly string[] s_phases =
        ["create both namespaces", "veth, both ends up", "per-device link requests", "four addresses",
         "address dumps", "two sockets", "connect", "teardown"];

    private static readonly NamespaceSpec[] s_namespaces = [new("ns1"), new("ns2")];

    public static void Run(int iterations, IPEndPoint server, WarmUp warmUp)
    {
        var samples = s_phases.Select(_ => new List<double>(iterations)).ToArray();
        warmUp.Run(() => RunOnce(new Laps(samples, record: false), server));
        for (int i = 0; i < iterations; i++)
        {
            RunOnce(new Laps(samples, record: true), server);
        }

        for (int phase = 0; phase < s_phases.Length; phase++)
        {
            samples[phase].Sort();
            Console.WriteLine($"{s_phases[phase]}: median {samples[phase][samples[phase].Count / 2]:F3} ms");
        }
    }

    private static void RunOnce(Laps laps, IPEndPoint server)
    {
        var created = NetworkNamespace.CreateMany(s_namespaces);
        NetworkNamespace ns1 = created[0].Namespace!;
        NetworkNamespace ns2 = created[1].Namespace!;
        laps.Next();
        ns1.Netlink.CreateVeth("veth0", "veth0", ns2);
        laps.Next();
        ns1.Netlink.GetLink("veth0");
        ns2.Netlink.GetLink("veth0");
        laps.Next();
        ns1.Netlink.AddAddress("veth0", InterfaceAddress.Parse("198.18.0.1/24"));
        ns1.Netlink.AddAddress("veth0", InterfaceAddress.Parse("fd5e:7e57::1/64"));
        ns2.Netlink.AddAddress("veth0", InterfaceAddress.Parse("198.18.0.2/24"));
        ns2.Netlink.AddAddress("veth0", InterfaceAddress.Parse("fd5e:7e57::2/64"));
        laps.Next();
        ns1.Netlink.GetAddresses();
        ns2.Netlink.GetAddresses();
        laps.Next();
        using (Socket listener = ns2.CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(server);
            listener.Listen();
            using Socket client = ns1.CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            laps.Next();
            client.Connect(server);
            using Socket accepted = listener.Accept();
            laps.Next();
        }

        ns1.Dispose();
        ns2.Dispose();
        laps.Next();
    }

    private sealed class Laps(List<double>[] samples, bool record)
    {
        private long _started = Stopwatch.GetTimestamp();
        private int _phase;

        public void Next()
        {
            if (record)
            {
                samples[_phase].Add(Stopwatch.GetElapsedTime(_started).TotalMilliseconds);
            }

            _phase++;
            _started = Stopwatch.GetTimestamp();
        }
    }
}
