// Times one iteration of the reference workload: two namespaces with lo up, one veth across them,
// four addresses, links up, one TCP connect over IPv4, and teardown. Prints the median and
// percentiles in milliseconds of the whole iteration, and of building and tearing down alone.
//
//   dotnet run -c Release --project tests/Netns.Testing.Benchmarks -- [iterations] [--ipv6] [--phases]
//
// With --phases it times the same work step by step instead, through the core API, and prints
// the median of each step.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Netns.Testing;

int iterations = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 1000;
bool connectOverIPv6 = args.Contains("--ipv6");

// The runtime recompiles hot methods on a background thread during the first seconds of a run,
// and on two cores that thread takes time from the measured work. The warm-up outlasts it.
var warmUp = new WarmUp(Iterations: 50, Time: TimeSpan.FromSeconds(3));

TopologySpec spec = new TopologyBuilder()
    .AddNamespace("ns1", body: true)
    .AddNamespace("ns2")
    .AddVeth(new VethSpec(
        new VethEndSpec("ns1", "veth0") { Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"] },
        new VethEndSpec("ns2", "veth0") { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"] }))
    .ToSpec();
IPEndPoint server = connectOverIPv6
    ? new IPEndPoint(IPAddress.Parse("fd5e:7e57::2"), 9000)
    : new IPEndPoint(IPAddress.Parse("198.18.0.2"), 9000);

if (args.Contains("--phases"))
{
    PhaseBenchmark.Run(iterations, server, warmUp);
    return;
}

var samples = new double[iterations];
var builds = new double[iterations];
var teardowns = new double[iterations];
warmUp.Run(() => RunOnce());

for (int i = 0; i < iterations; i++)
{
    long started = Stopwatch.GetTimestamp();
    Topology topology = RunOnce();
    samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    builds[i] = topology.SetupTime.TotalMilliseconds;
    teardowns[i] = topology.TeardownTime.TotalMilliseconds;
}

Console.WriteLine($"build: {Describe(builds)}");
Console.WriteLine($"teardown: {Describe(teardowns)}");
Console.WriteLine($"{iterations} iterations ({(connectOverIPv6 ? "IPv6" : "IPv4")} connect): {Describe(samples)}");

static string Describe(double[] values)
{
    Array.Sort(values);
    double Percentile(double p) => values[(int)Math.Min(values.Length - 1, Math.Round(p * (values.Length - 1)))];
    return $"median {Percentile(0.5):F3} ms, p10 {Percentile(0.1):F3} ms, p90 {Percentile(0.9):F3} ms, " +
        $"p99 {Percentile(0.99):F3} ms, max {values[^1]:F3} ms";
}

Topology RunOnce()
{
    using Topology topology = Topology.Build(spec);
    using Socket listener = topology["ns2"].CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    listener.Bind(server);
    listener.Listen();
    using Socket client = topology["ns1"].CreateSocket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    client.Connect(server);
    using Socket accepted = listener.Accept();
    return topology;
}

/// <summary>How long a benchmark runs its workload unmeasured before it measures.</summary>
internal sealed record WarmUp(int Iterations, TimeSpan Time)
{
    public void Run(Action iteration)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < Iterations || Stopwatch.GetElapsedTime(started) < Time; i++)
        {
            iteration();
        }
    }
}
