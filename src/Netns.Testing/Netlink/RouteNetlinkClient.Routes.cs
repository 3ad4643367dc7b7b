using System.Net;
using System.Net.Sockets;
using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink;

public sealed partial class RouteNetlinkClient
{
    /// <summary>
    /// Adds a route to the main table. Give a gateway, a device, or both; a route with only a
    /// device is on the link.
    /// </summary>
    public void AddRoute(IPNetwork destination, IPAddress? gateway = null, string? device = null, int? metric = null) =>
        ChangeRoute(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, destination, gateway, device, metric,
            $"Adding route {FormatRoute(destination, gateway, device)}");

    /// <summary>Deletes a route from the main table.</summary>
    public void DeleteRoute(IPNetwork destination, IPAddress? gateway = null, string? device = null, int? metric = null) =>
        ChangeRoute(RTM_DELROUTE, NLM_F_ACK, destination, gateway, device, metric,
            $"Deleting route {FormatRoute(destination, gateway, device)}");

    /// <summary>Lists the routes of the main table, of one family or of both.</summary>
    public IReadOnlyList<RouteInfo> GetRoutes(AddressFamily family = AddressFamily.Unspecified)
    {
        var routes = new List<RouteInfo>();
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(RTM_GETROUTE, NLM_F_DUMP);
            writer.WriteStruct(new rtmsg { rtm_family = ToNetlinkFamily(family) });
            writer.EndMessage();
            _socket.Dump("Listing routes", routes, static (list, in message) => AddRouteInfo(list, message), static list => list.Clear());
        }

        return routes;
    }

    private void ChangeRoute(
        ushort type,
        ushort flags,
        IPNetwork destination,
        IPAddress? gateway,
        string? device,
        int? metric,
        string operation)
    {
        AddressFamily family = destination.BaseAddress.AddressFamily;
        if (gateway is null && device is null)
        {
            throw new ArgumentException($"The route to {destination} needs a gateway, a device or both.", nameof(gateway));
        }

        if (gateway is not null && gateway.AddressFamily != family)
        {
            throw new ArgumentException(
                $"The gateway {gateway} is not of the same family as the destination {destination}.", nameof(gateway));
        }

        int deviceIndex = device is null ? 0 : GetLinkIndex(device);
        lock (_gate)
        {
            NetlinkMessageWriter writer = BeginRequest(type, flags);
            writer.WriteStruct(new rtmsg
            {
                rtm_family = ToNetlinkFamily(family),
                rtm_dst_len = (byte)destination.PrefixLength,
                rtm_table = RT_TABLE_MAIN,
                rtm_protocol = RTPROT_STATIC,
                rtm_scope = gateway is null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE,
                rtm_type = RTN_UNICAST,
            });
            if (destination.PrefixLength > 0)
            {
                writer.WriteAttribute(RTA_DST, destination.BaseAddress);
            }

            if (gateway is not null)
            {
                writer.WriteAttribute(RTA_GATEWAY, gateway);
            }

            if (deviceIndex != 0)
            {
                writer.WriteAttribute(RTA_OIF, deviceIndex);
            }

            if (metric is int priority)
            {
                writer.WriteAttribute(RTA_PRIORITY, priority);
            }

            Acknowledge(writer, operation);
        }
    }

    private static void AddRouteInfo(List<RouteInfo> routes, in NetlinkMessage message)
    {
        if (message.Type != RTM_NEWROUTE)
        {
            return;
        }

        rtmsg header = message.ReadFamilyHeader<rtmsg>();
        AddressFamily family = header.rtm_family == AF_INET6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        IPAddress? destination = null;
        IPAddress? gateway = null;
        int outputIndex = 0;
        int metric = 0;
        int table = header.rtm_table;
        NetlinkAttributeReader attributes = message.GetAttributes<rtmsg>();
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            switch (type)
            {
                case RTA_DST:
                    destination = new IPAddress(payload);
                    break;
                case RTA_GATEWAY:
                    gateway = new IPAddress(payload);
                    break;
                case RTA_OIF:
                    outputIndex = (int)NetlinkAttributeReader.ReadUInt32(payload);
                    break;
                case RTA_PRIORITY:
                    metric = (int)NetlinkAttributeReader.ReadUInt32(payload);
                    break;
                case RTA_TABLE:
                    table = (int)NetlinkAttributeReader.ReadUInt32(payload);
                    break;
            }
        }

        // Only the main table: the local table contains the kernel's own local and broadcast routes.
        if (table != RT_TABLE_MAIN)
        {
            return;
        }

        destination ??= family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        routes.Add(new RouteInfo
        {
            Destination = new IPNetwork(destination, header.rtm_dst_len),
            Gateway = gateway,
            OutputInterfaceIndex = outputIndex,
            Metric = metric,
            Table = table,
            Protocol = header.rtm_protocol,
            Scope = header.rtm_scope,
            Type = header.rtm_type,
        });
    }

    private static byte ToNetlinkFamily(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => AF_INET,
        AddressFamily.InterNetworkV6 => AF_INET6,
        _ => AF_UNSPEC,
    };

    private static string FormatRoute(IPNetwork destination, IPAddress? gateway, string? device) =>
        $"{destination}{(gateway is null ? "" : $" via {gateway}")}{(device is null ? "" : $" dev {device}")}";
}
