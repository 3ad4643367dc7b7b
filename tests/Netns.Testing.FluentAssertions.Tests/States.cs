namespace Netns.Testing.FluentAssertions.Tests;

/// <summary>The state dumps that end every failure message about the fixture's namespaces.</summary>
internal static class States
{
    public const string Client = """


        State of namespace "client":
          link lo: UP, state unknown, mtu 65536
          link eth0 (veth): UP, state up, mtu 1500, 02:00:00:00:00:01
          link spare0 (veth): DOWN, state down, mtu 1400, 02:00:00:00:00:03
          address 127.0.0.1/8 on lo
          address 198.18.0.1/24 on eth0
          address ::1/128 on lo
          address fd5e:7e57::1/64 on eth0
          address fe80::ff:fe00:1/64 on eth0
          route 198.18.0.0/24 dev eth0
          route 198.18.2.0/24 via 198.18.0.2 dev eth0
          route fd5e:7e57::/64 dev eth0 metric 256
          route fe80::/64 dev eth0 metric 256
        """;

    public const string Server = """


        State of namespace "server":
          link lo: UP, state unknown, mtu 65536
          link eth0 (veth): UP, state up, mtu 1500, 02:00:00:00:00:02
          link spare1 (veth): DOWN, state down, mtu 1400, 02:00:00:00:00:04
          address 127.0.0.1/8 on lo
          address 198.18.0.2/24 on eth0
          address ::1/128 on lo
          address fd5e:7e57::2/64 on eth0
          address fe80::ff:fe00:2/64 on eth0
          route 198.18.0.0/24 dev eth0
          route fd5e:7e57::/64 dev eth0 metric 256
          route fe80::/64 dev eth0 metric 256
        """;
}
