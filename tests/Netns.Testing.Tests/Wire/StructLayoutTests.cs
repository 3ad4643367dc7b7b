using System.Runtime.CompilerServices;
using Netns.Testing.Netlink.Wire;

namespace Netns.Testing.Tests.Wire;

// Sizes from the uapi headers: linux/netlink.h (nlmsghdr, nlattr, nlmsgerr, sockaddr_nl) and
// linux/rtnetlink.h (ifinfomsg), linux/if_addr.h (ifaddrmsg), linux/rtnetlink.h (rtmsg).
public class StructLayoutTests
{
    [Fact]
    public void Nlmsghdr_Is16Bytes() => Assert.Equal(16, Unsafe.SizeOf<nlmsghdr>());

    [Fact]
    public void Nlattr_Is4Bytes() => Assert.Equal(4, Unsafe.SizeOf<nlattr>());

    [Fact]
    public void Nlmsgerr_IsErrorPlusHeader() => Assert.Equal(4 + 16, Unsafe.SizeOf<nlmsgerr>());

    [Fact]
    public void Ifinfomsg_Is16Bytes() => Assert.Equal(16, Unsafe.SizeOf<ifinfomsg>());

    [Fact]
    public void Ifaddrmsg_Is8Bytes() => Assert.Equal(8, Unsafe.SizeOf<ifaddrmsg>());

    [Fact]
    public void Rtmsg_Is12Bytes() => Assert.Equal(12, Unsafe.SizeOf<rtmsg>());

    [Fact]
    public void SockaddrNl_Is12Bytes() => Assert.Equal(12, Unsafe.SizeOf<sockaddr_nl>());

    [Fact]
    public void HeaderConstants_MatchStructSizes()
    {
        Assert.Equal(NetlinkConstants.NLMSG_HDRLEN, Unsafe.SizeOf<nlmsghdr>());
        Assert.Equal(NetlinkConstants.NLA_HDRLEN, Unsafe.SizeOf<nlattr>());
        Assert.Equal(4, NetlinkConstants.NLA_ALIGNTO);
        Assert.Equal(4, NetlinkConstants.NLMSG_ALIGNTO);
    }

    [Fact]
    public void Ifinfomsg_FieldsAtKernelOffsets()
    {
        var header = new ifinfomsg
        {
            ifi_family = 0x11,
            ifi_type = 0x2233,
            ifi_index = 0x44,
            ifi_flags = 0x55,
            ifi_change = 0x66,
        };
        byte[] bytes = new byte[16];
        System.Runtime.InteropServices.MemoryMarshal.Write(bytes, in header);

        byte[] expected =
        [
            0x11,                   // ifi_family
            0x00,                   // __ifi_pad
            0x33, 0x22,             // ifi_type
            0x44, 0x00, 0x00, 0x00, // ifi_index
            0x55, 0x00, 0x00, 0x00, // ifi_flags
            0x66, 0x00, 0x00, 0x00, // ifi_change
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Rtmsg_FieldsAtKernelOffsets()
    {
        var header = new rtmsg
        {
            rtm_family = 1, rtm_dst_len = 2, rtm_src_len = 3, rtm_tos = 4,
            rtm_table = 5, rtm_protocol = 6, rtm_scope = 7, rtm_type = 8, rtm_flags = 9,
        };
        byte[] bytes = new byte[12];
        System.Runtime.InteropServices.MemoryMarshal.Write(bytes, in header);

        byte[] expected =
        [
            1, 2, 3, 4,             // rtm_family, rtm_dst_len, rtm_src_len, rtm_tos
            5, 6, 7, 8,             // rtm_table, rtm_protocol, rtm_scope, rtm_type
            9, 0, 0, 0,             // rtm_flags
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void FlagConstants_MatchUapiValues()
    {
        // linux/netlink.h
        Assert.Equal(0x01, NetlinkConstants.NLM_F_REQUEST);
        Assert.Equal(0x02, NetlinkConstants.NLM_F_MULTI);
        Assert.Equal(0x04, NetlinkConstants.NLM_F_ACK);
        Assert.Equal(0x10, NetlinkConstants.NLM_F_DUMP_INTR);
        Assert.Equal(0x300, NetlinkConstants.NLM_F_DUMP);
        Assert.Equal(0x200, NetlinkConstants.NLM_F_EXCL);
        Assert.Equal(0x400, NetlinkConstants.NLM_F_CREATE);
        Assert.Equal(0x100, NetlinkConstants.NLM_F_CAPPED);
        Assert.Equal(0x200, NetlinkConstants.NLM_F_ACK_TLVS);
        Assert.Equal(2, NetlinkConstants.NLMSG_ERROR);
        Assert.Equal(3, NetlinkConstants.NLMSG_DONE);
        Assert.Equal(1, NetlinkConstants.NLMSGERR_ATTR_MSG);
    }

    [Fact]
    public void AttributeNumbers_MatchUapiValues()
    {
        // linux/if_link.h
        Assert.Equal(3, NetlinkConstants.IFLA_IFNAME);
        Assert.Equal(4, NetlinkConstants.IFLA_MTU);
        Assert.Equal(18, NetlinkConstants.IFLA_LINKINFO);
        Assert.Equal(28, NetlinkConstants.IFLA_NET_NS_FD);
        Assert.Equal(29, NetlinkConstants.IFLA_EXT_MASK);
        Assert.Equal(1, NetlinkConstants.IFLA_INFO_KIND);
        Assert.Equal(2, NetlinkConstants.IFLA_INFO_DATA);

        // linux/veth.h
        Assert.Equal(1, NetlinkConstants.VETH_INFO_PEER);

        // linux/if_addr.h
        Assert.Equal(1, NetlinkConstants.IFA_ADDRESS);
        Assert.Equal(2, NetlinkConstants.IFA_LOCAL);
        Assert.Equal(8, NetlinkConstants.IFA_FLAGS);
        Assert.Equal(0x02u, NetlinkConstants.IFA_F_NODAD);
        Assert.Equal(0x40u, NetlinkConstants.IFA_F_TENTATIVE);

        // linux/rtnetlink.h
        Assert.Equal(1, NetlinkConstants.RTA_DST);
        Assert.Equal(4, NetlinkConstants.RTA_OIF);
        Assert.Equal(5, NetlinkConstants.RTA_GATEWAY);
        Assert.Equal(6, NetlinkConstants.RTA_PRIORITY);
        Assert.Equal(15, NetlinkConstants.RTA_TABLE);
        Assert.Equal(16, NetlinkConstants.RTM_NEWLINK);
        Assert.Equal(20, NetlinkConstants.RTM_NEWADDR);
        Assert.Equal(24, NetlinkConstants.RTM_NEWROUTE);
    }
}
