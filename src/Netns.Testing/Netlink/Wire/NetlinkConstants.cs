namespace Netns.Testing.Netlink.Wire;

// Values from the kernel's uapi headers: linux/netlink.h, linux/rtnetlink.h, linux/if_link.h,
// linux/if_addr.h, linux/veth.h and linux/if.h. Names are kept so they can be looked up there.
internal static class NetlinkConstants
{
    public const int NETLINK_ROUTE = 0;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_CAP_ACK = 10;
    public const int NETLINK_EXT_ACK = 11;
    public const int NETLINK_GET_STRICT_CHK = 12;

    public const int NLMSG_ALIGNTO = 4;
    public const int NLA_ALIGNTO = 4;
    public const int NLMSG_HDRLEN = 16;
    public const int NLA_HDRLEN = 4;

    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLMSG_OVERRUN = 4;

    public const ushort NLM_F_REQUEST = 0x01;
    public const ushort NLM_F_MULTI = 0x02;
    public const ushort NLM_F_ACK = 0x04;
    public const ushort NLM_F_ECHO = 0x08;
    public const ushort NLM_F_DUMP_INTR = 0x10;
    public const ushort NLM_F_ROOT = 0x100;
    public const ushort NLM_F_MATCH = 0x200;
    public const ushort NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public const ushort NLM_F_REPLACE = 0x100;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;
    public const ushort NLM_F_CAPPED = 0x100;
    public const ushort NLM_F_ACK_TLVS = 0x200;

    public const ushort NLMSGERR_ATTR_MSG = 1;
    public const ushort NLMSGERR_ATTR_OFFS = 2;

    public const ushort NLA_F_NESTED = 0x8000;
    public const ushort NLA_F_NET_BYTEORDER = 0x4000;
    public const ushort NLA_TYPE_MASK = 0x3fff;

    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_SETLINK = 19;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWMULTICAST = 56;
    public const ushort RTM_GETMULTICAST = 58;

    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_TXQLEN = 13;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_NET_NS_FD = 28;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFLA_LINK_NETNSID = 37;

    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;

    public const ushort VETH_INFO_PEER = 1;

    public const uint RTEXT_FILTER_SKIP_STATS = 1 << 3;

    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_MULTICAST = 7;
    public const ushort IFA_FLAGS = 8;

    public const uint IFA_F_SECONDARY = 0x01;
    public const uint IFA_F_NODAD = 0x02;
    public const uint IFA_F_DADFAILED = 0x08;
    public const uint IFA_F_TENTATIVE = 0x40;
    public const uint IFA_F_PERMANENT = 0x80;

    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;

    public const byte RT_TABLE_UNSPEC = 0;
    public const byte RT_TABLE_MAIN = 254;
    public const byte RT_TABLE_LOCAL = 255;

    public const byte RTPROT_KERNEL = 2;
    public const byte RTPROT_BOOT = 3;
    public const byte RTPROT_STATIC = 4;

    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_LINK = 253;
    public const byte RT_SCOPE_HOST = 254;

    public const byte RTN_UNICAST = 1;
    public const byte RTN_LOCAL = 2;

    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_LOOPBACK = 0x8;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_NOARP = 0x80;
    public const uint IFF_MULTICAST = 0x1000;
    public const uint IFF_LOWER_UP = 0x10000;

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;
    public const ushort AF_NETLINK = 16;

    // Interface names are limited by IFNAMSIZ (16) including the terminating NUL.
    public const int IFNAMSIZ = 16;
}
