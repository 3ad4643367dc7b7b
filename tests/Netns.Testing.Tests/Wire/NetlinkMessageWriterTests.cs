using System.Net;
using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Tests.Wire;

// Expected bytes are written out by hand from the uapi headers (little-endian host):
// nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid } (linux/netlink.h),
// nlattr { u16 len; u16 type }, payloads padded to NLA_ALIGNTO = 4, and nla_len counting the
// header and the payload but not the padding.
public class NetlinkMessageWriterTests
{
    private const ushort CreateFlags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;

    [Fact]
    public void VethRequest_MatchesKernelLayout()
    {
        // The request RouteNetlinkClient.CreateVeth sends for veth 'a' with peer 'b', whose
        // namespace is given by fd 7.
        var writer = new NetlinkMessageWriter();
        writer.BeginMessage(RTM_NEWLINK, CreateFlags, sequence: 1);
        writer.WriteStruct(new ifinfomsg());
        writer.WriteAttribute(IFLA_IFNAME, "a");
        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteAttribute(IFLA_INFO_KIND, "veth");
        int data = writer.BeginNested(IFLA_INFO_DATA);
        int peer = writer.BeginNested(VETH_INFO_PEER);
        writer.WriteStruct(new ifinfomsg());
        writer.WriteAttribute(IFLA_IFNAME, "b");
        writer.WriteAttribute(IFLA_NET_NS_FD, 7);
        writer.EndNested(peer);
        writer.EndNested(data);
        writer.EndNested(linkInfo);
        writer.EndMessage();

        byte[] expected =
        [
            0x60, 0x00, 0x00, 0x00, // nlmsg_len = 96
            0x10, 0x00,             // nlmsg_type = RTM_NEWLINK (16)
            0x05, 0x06,             // nlmsg_flags = REQUEST 0x1 | ACK 0x4 | EXCL 0x200 | CREATE 0x400
            0x01, 0x00, 0x00, 0x00, // nlmsg_seq = 1
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid = 0
            0x00, 0x00, 0x00, 0x00, // ifinfomsg: ifi_family, __ifi_pad, ifi_type
            0x00, 0x00, 0x00, 0x00, //   ifi_index
            0x00, 0x00, 0x00, 0x00, //   ifi_flags
            0x00, 0x00, 0x00, 0x00, //   ifi_change
            0x06, 0x00, 0x03, 0x00, // nla_len = 6, IFLA_IFNAME (3)
            0x61, 0x00, 0x00, 0x00, //   "a\0" + 2 bytes padding
            0x38, 0x00, 0x12, 0x00, // nla_len = 56, IFLA_LINKINFO (18)
            0x09, 0x00, 0x01, 0x00, //   nla_len = 9, IFLA_INFO_KIND (1)
            0x76, 0x65, 0x74, 0x68, //     "veth"
            0x00, 0x00, 0x00, 0x00, //     "\0" + 3 bytes padding
            0x28, 0x00, 0x02, 0x00, //   nla_len = 40, IFLA_INFO_DATA (2)
            0x24, 0x00, 0x01, 0x00, //     nla_len = 36, VETH_INFO_PEER (1)
            0x00, 0x00, 0x00, 0x00, //       ifinfomsg of the peer
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x06, 0x00, 0x03, 0x00, //       nla_len = 6, IFLA_IFNAME (3)
            0x62, 0x00, 0x00, 0x00, //         "b\0" + 2 bytes padding
            0x08, 0x00, 0x1c, 0x00, //       nla_len = 8, IFLA_NET_NS_FD (28)
            0x07, 0x00, 0x00, 0x00, //         fd 7 as u32
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Ipv4AddressRequest_MatchesKernelLayout()
    {
        // RTM_NEWADDR for 198.18.0.1/24 on interface index 2, as AddAddress writes it.
        IPAddress address = IPAddress.Parse("198.18.0.1");
        var writer = new NetlinkMessageWriter();
        writer.BeginMessage(RTM_NEWADDR, CreateFlags, sequence: 0x01020304);
        writer.WriteStruct(new ifaddrmsg { ifa_family = AF_INET, ifa_prefixlen = 24, ifa_index = 2 });
        writer.WriteAttribute(IFA_LOCAL, address);
        writer.WriteAttribute(IFA_ADDRESS, address);
        writer.EndMessage();

        byte[] expected =
        [
            0x28, 0x00, 0x00, 0x00, // nlmsg_len = 40
            0x14, 0x00,             // nlmsg_type = RTM_NEWADDR (20)
            0x05, 0x06,             // nlmsg_flags = REQUEST | ACK | EXCL | CREATE
            0x04, 0x03, 0x02, 0x01, // nlmsg_seq = 0x01020304
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x02,                   // ifa_family = AF_INET
            0x18,                   // ifa_prefixlen = 24
            0x00,                   // ifa_flags
            0x00,                   // ifa_scope = RT_SCOPE_UNIVERSE
            0x02, 0x00, 0x00, 0x00, // ifa_index = 2
            0x08, 0x00, 0x02, 0x00, // nla_len = 8, IFA_LOCAL (2)
            0xc6, 0x12, 0x00, 0x01, //   198.18.0.1 in network byte order
            0x08, 0x00, 0x01, 0x00, // nla_len = 8, IFA_ADDRESS (1)
            0xc6, 0x12, 0x00, 0x01, //   198.18.0.1
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Ipv6AddressRequestWithNodad_MatchesKernelLayout()
    {
        // RTM_NEWADDR for fd5e:7e57::1/64 on interface index 3 with IFA_F_NODAD, in the 8-bit
        // ifa_flags and in the 32-bit IFA_FLAGS attribute that extends it.
        IPAddress address = IPAddress.Parse("fd5e:7e57::1");
        var writer = new NetlinkMessageWriter();
        writer.BeginMessage(RTM_NEWADDR, CreateFlags, sequence: 9);
        writer.WriteStruct(new ifaddrmsg
        {
            ifa_family = AF_INET6,
            ifa_prefixlen = 64,
            ifa_flags = (byte)IFA_F_NODAD,
            ifa_index = 3,
        });
        writer.WriteAttribute(IFA_LOCAL, address);
        writer.WriteAttribute(IFA_ADDRESS, address);
        writer.WriteAttribute(IFA_FLAGS, IFA_F_NODAD);
        writer.EndMessage();

        byte[] expected =
        [
            0x48, 0x00, 0x00, 0x00, // nlmsg_len = 72
            0x14, 0x00,             // nlmsg_type = RTM_NEWADDR (20)
            0x05, 0x06,             // nlmsg_flags = REQUEST | ACK | EXCL | CREATE
            0x09, 0x00, 0x00, 0x00, // nlmsg_seq = 9
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x0a,                   // ifa_family = AF_INET6 (10)
            0x40,                   // ifa_prefixlen = 64
            0x02,                   // ifa_flags = IFA_F_NODAD
            0x00,                   // ifa_scope
            0x03, 0x00, 0x00, 0x00, // ifa_index = 3
            0x14, 0x00, 0x02, 0x00, // nla_len = 20, IFA_LOCAL (2)
            0xfd, 0x5e, 0x7e, 0x57, //   fd5e:7e57::1
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x01, //
            0x14, 0x00, 0x01, 0x00, // nla_len = 20, IFA_ADDRESS (1)
            0xfd, 0x5e, 0x7e, 0x57, //   fd5e:7e57::1
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x01, //
            0x08, 0x00, 0x08, 0x00, // nla_len = 8, IFA_FLAGS (8)
            0x02, 0x00, 0x00, 0x00, //   IFA_F_NODAD as u32
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RouteRequest_MatchesKernelLayout()
    {
        // RTM_NEWROUTE for 198.18.2.0/24 via 198.18.1.1, metric 100, in the main table.
        var writer = new NetlinkMessageWriter();
        writer.BeginMessage(RTM_NEWROUTE, CreateFlags, sequence: 2);
        writer.WriteStruct(new rtmsg
        {
            rtm_family = AF_INET,
            rtm_dst_len = 24,
            rtm_table = RT_TABLE_MAIN,
            rtm_protocol = RTPROT_STATIC,
            rtm_scope = RT_SCOPE_UNIVERSE,
            rtm_type = RTN_UNICAST,
        });
        writer.WriteAttribute(RTA_DST, IPAddress.Parse("198.18.2.0"));
        writer.WriteAttribute(RTA_GATEWAY, IPAddress.Parse("198.18.1.1"));
        writer.WriteAttribute(RTA_PRIORITY, 100);
        writer.EndMessage();

        byte[] expected =
        [
            0x34, 0x00, 0x00, 0x00, // nlmsg_len = 52
            0x18, 0x00,             // nlmsg_type = RTM_NEWROUTE (24)
            0x05, 0x06,             // nlmsg_flags = REQUEST | ACK | EXCL | CREATE
            0x02, 0x00, 0x00, 0x00, // nlmsg_seq = 2
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x02, 0x18, 0x00, 0x00, // rtm_family = AF_INET, rtm_dst_len = 24, rtm_src_len, rtm_tos
            0xfe, 0x04, 0x00, 0x01, // rtm_table = RT_TABLE_MAIN (254), RTPROT_STATIC (4), RT_SCOPE_UNIVERSE, RTN_UNICAST (1)
            0x00, 0x00, 0x00, 0x00, // rtm_flags
            0x08, 0x00, 0x01, 0x00, // nla_len = 8, RTA_DST (1)
            0xc6, 0x12, 0x02, 0x00, //   198.18.2.0
            0x08, 0x00, 0x05, 0x00, // nla_len = 8, RTA_GATEWAY (5)
            0xc6, 0x12, 0x01, 0x01, //   198.18.1.1
            0x08, 0x00, 0x06, 0x00, // nla_len = 8, RTA_PRIORITY (6)
            0x64, 0x00, 0x00, 0x00, //   100 as u32
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void StringAttribute_IsNulTerminatedAndPadded()
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(IFLA_IFNAME, "eth10");

        byte[] expected =
        [
            0x0a, 0x00, 0x03, 0x00, // nla_len = 4 + 6 ("eth10\0"), IFLA_IFNAME
            0x65, 0x74, 0x68, 0x31, // "eth1"
            0x30, 0x00, 0x00, 0x00, // "0\0" + 2 bytes padding
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void StringAttributeFillingWords_HasNoPadding()
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(IFLA_IFNAME, "eth");

        byte[] expected =
        [
            0x08, 0x00, 0x03, 0x00, // nla_len = 4 + 4 ("eth\0")
            0x65, 0x74, 0x68, 0x00, // "eth\0"
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ThreeBytePayload_IsPaddedToFour()
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(0x0123, new byte[] { 0xaa, 0xbb, 0xcc });
        writer.WriteAttribute(0x0002, new byte[] { 0xdd });

        byte[] expected =
        [
            0x07, 0x00, 0x23, 0x01, // nla_len = 7 (padding not counted), type 0x0123
            0xaa, 0xbb, 0xcc, 0x00, // payload + 1 byte padding
            0x05, 0x00, 0x02, 0x00, // nla_len = 5, type 2: starts at the next 4-byte boundary
            0xdd, 0x00, 0x00, 0x00, // payload + 3 bytes padding
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void EmptyPayload_IsHeaderOnly()
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(5, ReadOnlySpan<byte>.Empty);

        Assert.Equal(new byte[] { 0x04, 0x00, 0x05, 0x00 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void NestedAttribute_LengthCoversPaddedChildren()
    {
        var writer = new NetlinkMessageWriter();
        int outer = writer.BeginNested(1);
        writer.WriteAttribute(2, new byte[] { 0x11 });
        int inner = writer.BeginNested(3);
        writer.WriteAttribute(4, new byte[] { 0x22, 0x33 });
        writer.EndNested(inner);
        writer.EndNested(outer);

        byte[] expected =
        [
            0x18, 0x00, 0x01, 0x00, // outer: nla_len = 24, the padded children included
            0x05, 0x00, 0x02, 0x00, //   nla_len = 5, type 2
            0x11, 0x00, 0x00, 0x00, //     payload + 3 bytes padding
            0x0c, 0x00, 0x03, 0x00, //   inner: nla_len = 12
            0x06, 0x00, 0x04, 0x00, //     nla_len = 6, type 4
            0x22, 0x33, 0x00, 0x00, //       payload + 2 bytes padding
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Reset_ClearsPaddingLeftByPreviousMessage()
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(1, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff });
        writer.Reset();
        writer.WriteAttribute(1, new byte[] { 0x01 });

        Assert.Equal(new byte[] { 0x05, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void LongMessage_GrowsBuffer()
    {
        var writer = new NetlinkMessageWriter(capacity: 16);
        writer.BeginMessage(RTM_NEWLINK, NLM_F_REQUEST, sequence: 1);
        byte[] payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        writer.WriteAttribute(1, payload);
        writer.EndMessage();

        Assert.Equal(16 + 4 + 1000, writer.Length);
        Assert.Equal(payload, writer.WrittenSpan.Slice(20).ToArray());
    }

    [Fact]
    public void EndMessage_WithoutBegin_Throws()
    {
        var writer = new NetlinkMessageWriter();

        Assert.Throws<InvalidOperationException>(writer.EndMessage);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(19, 20)]
    public void Align_RoundsUpToFour(int length, int expected) =>
        Assert.Equal(expected, NetlinkMessageWriter.Align(length));
}
