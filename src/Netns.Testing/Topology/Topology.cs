using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Netns.Testing.Netlink;

namespace Netns.Testing;

/// <summary>
/// A built topology: its namespaces, with their veth pairs, addresses and routes in place and
/// ready for traffic. Disposing it removes everything.
/// </summary>
public sealed partial class Topology : IDisposable, IAsyncDisposable
{
    private static readonly AsyncLocal<Topology?> s_current = new();

    private readonly Dictionary<string, NetworkNamespace> _namespaces;
    private readonly Dictionary<(string Namespace, string Interface), int> _interfaceIndexes = [];
    private readonly ILogger _logger;
    private int _disposed;

    private Topology(TopologySpec spec, Dictionary<string, NetworkNamespace> namespaces, ILogger logger)
    {
        Spec = spec;
        _namespaces = namespaces;
        _logger = logger;
    }

    /// <summary>
    /// The topology whose test body is running, flowing with the body's execution context; null
    /// outside a body. Parallel tests each see their own.
    /// </summary>
    public static Topology? Current => s_current.Value;

    /// <summary>The declaration the topology was built from.</summary>
    public TopologySpec Spec { get; }

    /// <summary>The namespaces by logical name.</summary>
    public IReadOnlyDictionary<string, NetworkNamespace> Namespaces => _namespaces;

    /// <summary>The namespace the test body runs in.</summary>
    public NetworkNamespace BodyNamespace => _namespaces[Spec.BodyNamespace!.Name];

    /// <summary>How long building took, from validation to ready.</summary>
    public TimeSpan SetupTime { get; private set; }

    /// <summary>How long teardown took, once disposed.</summary>
    public TimeSpan TeardownTime { get; private set; }

    /// <summary>Returns the namespace declared as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No namespace of that name was declared.</exception>
    public NetworkNamespace this[string name] => _namespaces.TryGetValue(name, out NetworkNamespace? ns)
        ? ns
        : throw new KeyNotFoundException(
            $"No namespace named '{name}' was declared; the declared ones are {string.Join(", ", _namespaces.Keys.Select(k => $"'{k}'"))}.");

    /// <summary>Validates the declaration, then builds it; see <see cref="BuildAsync"/>.</summary>
    public static Topology Build(TopologySpec spec, ILogger? logger = null)
    {
        // Without a synchronization context, BuildAsync almost always completes synchronously, and
        // its rare await resumes on the thread pool, so blocking here is safe.
        if (SynchronizationContext.Current is null && !NamespaceFlowIsActive())
        {
            return BuildAsync(spec, logger, CancellationToken.None).GetAwaiter().GetResult();
        }

        // A caller with a context, such as a test body on a namespace thread, blocks its thread here. BuildAsync runs on
        // the thread pool, without the caller's synchronization context or namespace, so its
        // continuations are never queued to the blocked thread.
        Task<Topology> building;
        using (ExecutionContext.SuppressFlow())
        {
            building = Task.Run(() => BuildAsync(spec, logger, CancellationToken.None));
        }

        return building.GetAwaiter().GetResult();
    }

    private static bool NamespaceFlowIsActive() => Threading.NamespaceFlow.Current is not null;

    /// <summary>
    /// Validates the declaration, then creates the namespaces, the veth pairs, the
    /// addresses and routes, and waits until traffic flows at once. Building is all-or-nothing.
    /// </summary>
    /// <exception cref="TopologyValidationException">The declaration has problems; nothing was created.</exception>
    /// <exception cref="TopologyBuildException">A step failed; everything built before it was removed.</exception>
    public static async Task<Topology> BuildAsync(TopologySpec spec, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long started = Stopwatch.GetTimestamp();
        spec.ThrowIfInvalid();
        logger ??= NamespaceLog.Logger;

        var namespaces = new Dictionary<string, NetworkNamespace>(StringComparer.Ordinal);
        var topology = new Topology(spec, namespaces, logger);
        string step = "Creating namespaces";
        try
        {
            Exception? creationError = null;
            foreach ((NetworkNamespace? created, Exception? error) in NetworkNamespace.CreateMany(spec.Namespaces))
            {
                if (created is not null)
                {
                    namespaces[created.Name] = created;
                }

                creationError ??= error;
            }

            if (creationError is not null)
            {
                ExceptionDispatchInfo.Throw(creationError);
            }

            foreach (VethSpec veth in spec.Veths)
            {
                step = $"Creating veth '{veth.End1.Interface}' in namespace '{veth.End1.Namespace}'";
                cancellationToken.ThrowIfCancellationRequested();
                topology.CreateVeth(veth);
            }

            VethEndSpec[] ends = [.. spec.Veths.SelectMany(veth => new[] { veth.End1, veth.End2 })];
            foreach (VethEndSpec end in ends)
            {
                step = $"Configuring '{end.Interface}' in namespace '{end.Namespace}'";
                topology.WaitForOperationalUp(end);
            }

            // IPv6 addresses go first, so the kernel's background work for them (joining their
            // solicited-node groups) overlaps the rest of the configuration.
            foreach (AddressFamily family in (ReadOnlySpan<AddressFamily>)[AddressFamily.InterNetworkV6, AddressFamily.InterNetwork])
            {
                foreach (VethEndSpec end in ends)
                {
                    step = $"Configuring '{end.Interface}' in namespace '{end.Namespace}'";
                    topology.AddAddresses(end, family);
                }
            }

            foreach (RouteSpec route in spec.Routes)
            {
                step = $"Adding route {route.Destination} in namespace '{route.Namespace}'";
                topology.AddRoute(route);
            }

            step = "Waiting for IPv6 addresses to be ready";
            await topology.WaitForIPv6ReadyAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            topology.Dispose();
            throw new TopologyBuildException(FindStep(e, step), e);
        }
        catch
        {
            topology.Dispose();
            throw;
        }

        topology.SetupTime = Stopwatch.GetElapsedTime(started);
        NamespaceLog.TopologyUp(logger, topology.SetupTime.TotalMilliseconds, spec);
        return topology;
    }

    /// <summary>
    /// Runs a test body in <see cref="BodyNamespace"/>, after checking that its thread is not in
    /// the host namespace: the framework never runs a test body there.
    /// </summary>
    public Task RunBodyAsync(Func<Task> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        NetworkNamespace ns = BodyNamespace;
        return ns.RunAsync(() =>
        {
            s_current.Value = this;
            ulong current = NamespaceThreads.GetCurrentThreadInode();
            if (current == HostNamespace.Inode || current != ns.Inode)
            {
                throw new NetworkNamespaceException(
                    $"The test body was not started: its thread is in namespace {current}, not in '{ns.Name}' ({ns.Inode}).");
            }

            return body();
        }, cancellationToken);
    }

    /// <summary>Describes the topology on one line, with namespace inodes.</summary>
    public override string ToString() =>
        $"{Spec} [{string.Join(", ", _namespaces.Values.Select(n => $"{n.Name}={n.Inode}"))}]";

    /// <summary>Disposes every namespace in parallel, which removes their links, addresses and routes.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            // Another call is disposing: wait for each namespace rather than return while threads are still inside.
            foreach (NetworkNamespace ns in _namespaces.Values)
            {
                ns.Dispose();
            }

            return;
        }

        long started = Stopwatch.GetTimestamp();
        // Every thread is asked to leave before waiting for any, so they leave in parallel.
        var leaving = _namespaces.Values.Select(ns => (ns, Left: ns.BeginDispose(out bool owner), Owner: owner)).ToList();
        foreach ((NetworkNamespace ns, ManualResetEventSlim? left, bool owner) in leaving)
        {
            ns.EndDispose(left, owner);
        }

        TeardownTime = Stopwatch.GetElapsedTime(started);
        NamespaceLog.TopologyDown(_logger, TeardownTime.TotalMilliseconds, Spec);
    }

    /// <summary>Disposes the topology without blocking the caller's thread.</summary>
    public ValueTask DisposeAsync() =>
        new(Task.Factory.StartNew(Dispose, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default));

    private static string FindStep(Exception e, string step) => e is NetlinkException netlink
        ? $"{netlink.Operation} in namespace '{netlink.NamespaceName}'"
        : step;

    private void CreateVeth(VethSpec veth)
    {
        NetworkNamespace first = _namespaces[veth.End1.Namespace];
        NetworkNamespace second = _namespaces[veth.End2.Namespace];
        first.Netlink.CreateVeth(veth.End1.Interface, veth.End2.Interface, second, new VethOptions
        {
            Mtu = veth.Mtu,
            Up = true,
            MacAddress = veth.End1.MacAddress is null ? null : PhysicalAddress.Parse(veth.End1.MacAddress),
            PeerMacAddress = veth.End2.MacAddress is null ? null : PhysicalAddress.Parse(veth.End2.MacAddress),
        });
    }

    /// <summary>
    /// Waits until a veth end is operationally up and records its index. The kernel attaches a
    /// device's real queueing discipline in its link-watch work, and until then the device drops
    /// what it sends. A per-device request makes the kernel run pending link-watch work for that
    /// device; the operational state turns up once it has run.
    /// </summary>
    private void WaitForOperationalUp(VethEndSpec end)
    {
        RouteNetlinkClient netlink = _namespaces[end.Namespace].Netlink;
        long started = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (true)
        {
            LinkInfo link = netlink.GetLink(end.Interface)
                ?? throw new NetlinkException($"Looking up link '{end.Interface}'", end.Namespace, Interop.Errno.ENODEV, null);
            if (link.OperationalState == LinkOperationalState.Up)
            {
                _interfaceIndexes[(end.Namespace, end.Interface)] = link.Index;
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > s_readyTimeout)
            {
                throw new NetworkNamespaceException(
                    $"Link '{end.Interface}' in namespace '{end.Namespace}' was not operationally up after " +
                    $"{s_readyTimeout.TotalSeconds} s; its state is {link.OperationalState}.");
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void AddAddresses(VethEndSpec end, AddressFamily family)
    {
        RouteNetlinkClient netlink = _namespaces[end.Namespace].Netlink;
        int index = _interfaceIndexes[(end.Namespace, end.Interface)];
        foreach (string text in end.Addresses)
        {
            InterfaceAddress address = InterfaceAddress.Parse(text);
            if (address.AddressFamily == family)
            {
                netlink.AddAddress(index, end.Interface, address, duplicateAddressDetection: false);
            }
        }
    }

    private void AddRoute(RouteSpec route)
    {
        IPAddress? gateway = route.Gateway is null ? null : IPAddress.Parse(route.Gateway);
        TopologyValidator.TryParseDestination(route.Destination, gateway?.AddressFamily, out IPNetwork destination, out _);
        _namespaces[route.Namespace].Netlink.AddRoute(destination, gateway, route.Device, route.Metric);
    }
}
