using System.Text;
using Netns.Testing.Netlink;
using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Tests.Wire;

// Datagrams as the kernel sends them, written out by hand from linux/netlink.h: nlmsgerr is
// { int error; struct nlmsghdr msg; }, followed by the request payload unless NLM_F_CAPPED is set,
// then by NLMSGERR_ATTR_* TLVs when NLM_F_ACK_TLVS is set.
public class NetlinkMessageReaderTests
{
    [Fact]
    public void CappedError_YieldsExtendedAckText()
    {
        byte[] datagram =
        [
            0x40, 0x00, 0x00, 0x00, // nlmsg_len = 64
            0x02, 0x00,             // nlmsg_type = NLMSG_ERROR
            0x00, 0x03,             // nlmsg_flags = NLM_F_CAPPED 0x100 | NLM_F_ACK_TLVS 0x200
            0x05, 0x00, 0x00, 0x00, // nlmsg_seq = 5
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0xef, 0xff, 0xff, 0xff, // error = -17 (EEXIST)
            0x60, 0x00, 0x00, 0x00, // msg.nlmsg_len = 96: the request's header only
            0x10, 0x00, 0x05, 0x06, // msg.nlmsg_type = RTM_NEWLINK, msg.nlmsg_flags
            0x05, 0x00, 0x00, 0x00, // msg.nlmsg_seq
            0x00, 0x00, 0x00, 0x00, // msg.nlmsg_pid
            0x08, 0x00, 0x02, 0x00, // nla_len = 8, NLMSGERR_ATTR_OFFS (2)
            0x20, 0x00, 0x00, 0x00, //   offset 32 into the request
            0x13, 0x00, 0x01, 0x00, // nla_len = 19, NLMSGERR_ATTR_MSG (1)
            0x55, 0x6e, 0x6b, 0x6e, //   "Unkn"
            0x6f, 0x77, 0x6e, 0x20, //   "own "
            0x64, 0x65, 0x76, 0x69, //   "devi"
            0x63, 0x65, 0x00, 0x00, //   "ce\0" + 1 byte padding
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        nlmsgerr error = message.ReadFamilyHeader<nlmsgerr>();

        Assert.Equal(NLMSG_ERROR, message.Type);
        Assert.Equal(5u, message.Header.nlmsg_seq);
        Assert.Equal(-17, error.error);
        Assert.Equal(RTM_NEWLINK, error.msg.nlmsg_type);
        Assert.Equal("Unknown device", RouteNetlinkSocket.ReadExtendedAck(message, error));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void UncappedError_SkipsEchoedRequest()
    {
        byte[] datagram =
        [
            0x58, 0x00, 0x00, 0x00, // nlmsg_len = 88
            0x02, 0x00,             // nlmsg_type = NLMSG_ERROR
            0x00, 0x02,             // nlmsg_flags = NLM_F_ACK_TLVS, not capped
            0x06, 0x00, 0x00, 0x00, // nlmsg_seq = 6
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0xea, 0xff, 0xff, 0xff, // error = -22 (EINVAL)
            0x28, 0x00, 0x00, 0x00, // msg.nlmsg_len = 40: 24 payload bytes are echoed below
            0x14, 0x00, 0x05, 0x06, // msg.nlmsg_type = RTM_NEWADDR, msg.nlmsg_flags
            0x06, 0x00, 0x00, 0x00, // msg.nlmsg_seq
            0x00, 0x00, 0x00, 0x00, // msg.nlmsg_pid
            0x02, 0x21, 0x00, 0x00, // echoed ifaddrmsg: AF_INET, prefix 33
            0x02, 0x00, 0x00, 0x00, //   ifa_index = 2
            0x08, 0x00, 0x02, 0x00, // echoed IFA_LOCAL
            0xc6, 0x12, 0x00, 0x01, //   198.18.0.1
            0x08, 0x00, 0x01, 0x00, // echoed IFA_ADDRESS: type 1 like NLMSGERR_ATTR_MSG, must be skipped
            0xc6, 0x12, 0x00, 0x01, //   198.18.0.1
            0x1a, 0x00, 0x01, 0x00, // nla_len = 26, NLMSGERR_ATTR_MSG (1)
            0x49, 0x6e, 0x76, 0x61, //   "Inva"
            0x6c, 0x69, 0x64, 0x20, //   "lid "
            0x70, 0x72, 0x65, 0x66, //   "pref"
            0x69, 0x78, 0x20, 0x6c, //   "ix l"
            0x65, 0x6e, 0x67, 0x74, //   "engt"
            0x68, 0x00, 0x00, 0x00, //   "h\0" + 2 bytes padding
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        nlmsgerr error = message.ReadFamilyHeader<nlmsgerr>();

        Assert.Equal(-22, error.error);
        Assert.Equal("Invalid prefix length", RouteNetlinkSocket.ReadExtendedAck(message, error));
    }

    [Fact]
    public void ErrorWithoutAckTlvs_HasNoExtendedAck()
    {
        byte[] datagram =
        [
            0x24, 0x00, 0x00, 0x00, // nlmsg_len = 36
            0x02, 0x00, 0x00, 0x01, // NLMSG_ERROR, NLM_F_CAPPED only
            0x01, 0x00, 0x00, 0x00, // nlmsg_seq
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0xed, 0xff, 0xff, 0xff, // error = -19 (ENODEV)
            0x20, 0x00, 0x00, 0x00, // msg header
            0x11, 0x00, 0x05, 0x00, //
            0x01, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        nlmsgerr error = message.ReadFamilyHeader<nlmsgerr>();

        Assert.Equal(-19, error.error);
        Assert.Null(RouteNetlinkSocket.ReadExtendedAck(message, error));
    }

    [Fact]
    public void UncappedErrorWithTruncatedEcho_HasNoExtendedAck()
    {
        byte[] datagram =
        [
            0x24, 0x00, 0x00, 0x00, // nlmsg_len = 36
            0x02, 0x00, 0x00, 0x02, // NLMSG_ERROR, NLM_F_ACK_TLVS
            0x01, 0x00, 0x00, 0x00, // nlmsg_seq
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0xea, 0xff, 0xff, 0xff, // error = -22
            0x00, 0x10, 0x00, 0x00, // msg.nlmsg_len = 4096, longer than the datagram
            0x10, 0x00, 0x05, 0x06, //
            0x01, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        nlmsgerr error = message.ReadFamilyHeader<nlmsgerr>();

        Assert.Null(RouteNetlinkSocket.ReadExtendedAck(message, error));
    }

    [Fact]
    public void SuccessAck_HasErrorZero()
    {
        byte[] datagram =
        [
            0x24, 0x00, 0x00, 0x00, // nlmsg_len = 36
            0x02, 0x00, 0x00, 0x01, // NLMSG_ERROR, NLM_F_CAPPED
            0x03, 0x00, 0x00, 0x00, // nlmsg_seq = 3
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x00, 0x00, 0x00, 0x00, // error = 0: an acknowledgement
            0x20, 0x00, 0x00, 0x00, // msg header
            0x10, 0x00, 0x05, 0x00, //
            0x03, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));

        Assert.Equal(0, message.ReadFamilyHeader<nlmsgerr>().error);
    }

    [Fact]
    public void MultipartDatagram_YieldsEachMessage()
    {
        byte[] datagram =
        [
            0x28, 0x00, 0x00, 0x00, // nlmsg_len = 40
            0x10, 0x00, 0x02, 0x00, // RTM_NEWLINK, NLM_F_MULTI
            0x07, 0x00, 0x00, 0x00, // nlmsg_seq = 7
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x00, 0x00, 0x04, 0x03, // ifinfomsg: ifi_type = ARPHRD_LOOPBACK (772)
            0x01, 0x00, 0x00, 0x00, //   ifi_index = 1
            0x49, 0x00, 0x01, 0x00, //   ifi_flags = UP | LOOPBACK | RUNNING | LOWER_UP
            0x00, 0x00, 0x00, 0x00, //   ifi_change
            0x07, 0x00, 0x03, 0x00, // nla_len = 7, IFLA_IFNAME
            0x6c, 0x6f, 0x00, 0x00, //   "lo\0" + 1 byte padding
            0x2c, 0x00, 0x00, 0x00, // nlmsg_len = 44
            0x10, 0x00, 0x02, 0x00, // RTM_NEWLINK, NLM_F_MULTI
            0x07, 0x00, 0x00, 0x00, // nlmsg_seq = 7
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x00, 0x00, 0x01, 0x00, // ifinfomsg: ifi_type = ARPHRD_ETHER (1)
            0x02, 0x00, 0x00, 0x00, //   ifi_index = 2
            0x02, 0x10, 0x00, 0x00, //   ifi_flags = BROADCAST | MULTICAST
            0x00, 0x00, 0x00, 0x00, //   ifi_change
            0x09, 0x00, 0x03, 0x00, // nla_len = 9, IFLA_IFNAME
            0x65, 0x74, 0x68, 0x30, //   "eth0"
            0x00, 0x00, 0x00, 0x00, //   "\0" + 3 bytes padding
            0x14, 0x00, 0x00, 0x00, // nlmsg_len = 20
            0x03, 0x00, 0x02, 0x00, // NLMSG_DONE, NLM_F_MULTI
            0x07, 0x00, 0x00, 0x00, // nlmsg_seq = 7
            0x00, 0x00, 0x00, 0x00, // nlmsg_pid
            0x00, 0x00, 0x00, 0x00, // int 0
        ];

        var reader = new NetlinkMessageReader(datagram);
        var names = new List<string>();
        var indexes = new List<int>();
        var types = new List<ushort>();
        while (reader.TryRead(out NetlinkMessage message))
        {
            types.Add(message.Type);
            if (message.Type != RTM_NEWLINK)
            {
                continue;
            }

            indexes.Add(message.ReadFamilyHeader<ifinfomsg>().ifi_index);
            NetlinkAttributeReader attributes = message.GetAttributes<ifinfomsg>();
            Assert.True(attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload));
            Assert.Equal(IFLA_IFNAME, type);
            names.Add(NetlinkAttributeReader.ReadString(payload));
            Assert.False(attributes.TryRead(out _, out _));
        }

        Assert.Equal([RTM_NEWLINK, RTM_NEWLINK, NLMSG_DONE], types);
        Assert.Equal(["lo", "eth0"], names);
        Assert.Equal([1, 2], indexes);
    }

    [Fact]
    public void UnalignedMessageLength_NextMessageStartsAligned()
    {
        byte[] datagram =
        [
            0x15, 0x00, 0x00, 0x00, // nlmsg_len = 21: 5 payload bytes
            0x20, 0x00, 0x00, 0x00, // type 32
            0x01, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x01, 0x02, 0x03, 0x04, // payload
            0x05, 0x00, 0x00, 0x00, //   + 3 bytes padding, not part of the payload
            0x10, 0x00, 0x00, 0x00, // nlmsg_len = 16: no payload
            0x21, 0x00, 0x00, 0x00, // type 33
            0x02, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage first));
        byte[] firstPayload = first.Payload.ToArray();
        Assert.True(reader.TryRead(out NetlinkMessage second));

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, firstPayload);
        Assert.Equal((ushort)33, second.Type);
        Assert.Equal(0, second.Payload.Length);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void LastMessageWithoutPadding_IsRead()
    {
        // The kernel may leave out the padding after the last message of a datagram.
        byte[] datagram =
        [
            0x13, 0x00, 0x00, 0x00, // nlmsg_len = 19
            0x20, 0x00, 0x00, 0x00, //
            0x01, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x0a, 0x0b, 0x0c,       // payload, datagram ends here
        ];

        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        byte[] payload = message.Payload.ToArray();

        Assert.Equal(new byte[] { 0x0a, 0x0b, 0x0c }, payload);
        Assert.False(reader.TryRead(out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(21)]
    [InlineData(4096)]
    public void InvalidMessageLength_Throws(uint length)
    {
        byte[] datagram = new byte[20];
        BitConverter.TryWriteBytes(datagram, length);

        var exception = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new NetlinkMessageReader(datagram);
            reader.TryRead(out _);
        });
        Assert.Equal($"Netlink message length {length} is invalid for a datagram with 20 bytes left.", exception.Message);
    }

    [Fact]
    public void DatagramShorterThanHeader_YieldsNothing()
    {
        var reader = new NetlinkMessageReader(new byte[15]);

        Assert.False(reader.TryRead(out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(13)]
    public void InvalidAttributeLength_Throws(ushort length)
    {
        byte[] attributes = [(byte)length, (byte)(length >> 8), 0x01, 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11];

        var exception = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new NetlinkAttributeReader(attributes);
            reader.TryRead(out _, out _);
        });
        Assert.Equal($"Netlink attribute length {length} is invalid with 12 bytes left.", exception.Message);
    }

    [Fact]
    public void NestedFlag_IsMaskedFromType()
    {
        byte[] attributes =
        [
            0x0c, 0x00, 0x12, 0x80, // nla_len = 12, IFLA_LINKINFO | NLA_F_NESTED
            0x08, 0x00, 0x01, 0x40, //   nla_len = 8, IFLA_INFO_KIND | NLA_F_NET_BYTEORDER
            0x76, 0x65, 0x74, 0x68, //     "veth" without NUL
        ];

        var reader = new NetlinkAttributeReader(attributes);
        Assert.True(reader.TryRead(out ushort outerType, out ReadOnlySpan<byte> outer));
        var nested = new NetlinkAttributeReader(outer);
        Assert.True(nested.TryRead(out ushort innerType, out ReadOnlySpan<byte> inner));

        Assert.Equal(IFLA_LINKINFO, outerType);
        Assert.Equal(IFLA_INFO_KIND, innerType);
        Assert.Equal("veth", NetlinkAttributeReader.ReadString(inner));
    }

    [Fact]
    public void ShortFamilyHeader_Throws()
    {
        byte[] datagram =
        [
            0x14, 0x00, 0x00, 0x00, // nlmsg_len = 20: 4 payload bytes, fewer than an ifinfomsg
            0x10, 0x00, 0x00, 0x00, // RTM_NEWLINK
            0x01, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00, //
        ];

        var exception = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new NetlinkMessageReader(datagram);
            reader.TryRead(out NetlinkMessage message);
            message.ReadFamilyHeader<ifinfomsg>();
        });
        Assert.Equal("Netlink message of type 16 has 4 payload bytes, fewer than its ifinfomsg header.", exception.Message);
    }

    [Fact]
    public void ReadString_StopsAtNul()
    {
        byte[] payload = Encoding.UTF8.GetBytes("eth0\0garbage");

        Assert.Equal("eth0", NetlinkAttributeReader.ReadString(payload));
    }
}
