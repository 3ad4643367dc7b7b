namespace Netns.Testing.Tests.Validation;

public class TopologyValidatorTests
{
    private static TopologyBuilder TwoNamespaces() =>
        new TopologyBuilder().AddNamespace("ns1", body: true).AddNamespace("ns2");

    private static TopologyProblem SingleProblem(TopologySpec spec) => Assert.Single(spec.Validate());

    [Fact]
    public void ValidTopology_HasNoProblems()
    {
        TopologySpec spec = TwoNamespaces()
            .AddVeth(new VethSpec(
                new VethEndSpec("ns1", "eth0")
                {
                    Addresses = ["198.18.0.1/24", "fd5e:7e57::1/64"],
                    MacAddress = "02:00:00:00:00:01",
                },
                new VethEndSpec("ns2", "eth0") { Addresses = ["198.18.0.2/24", "fd5e:7e57::2/64"] })
            {
                Mtu = 9000,
            })
            .AddRoute("ns1", "198.18.2.0/24", gateway: "198.18.0.2")
            .AddRoute("ns1", "default", gateway: "fd5e:7e57::2", device: "eth0", metric: 10)
            .AddRoute("ns2", "198.18.4.0/24", device: "eth0")
            .ToSpec();

        Assert.Empty(spec.Validate());
        spec.ThrowIfInvalid();
    }

    [Fact]
    public void SingleNamespaceWithoutBody_IsBody()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("only").ToSpec();

        Assert.Empty(spec.Validate());
        Assert.Equal("only", spec.BodyNamespace?.Name);
    }

    [Fact]
    public void InterfaceNameOf16Bytes_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "abcdefghijklmnop", null, "ns2", "abcdefghijklmno", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[VethLink(\"ns1\", \"abcdefghijklmnop\", \"ns2\", \"abcdefghijklmno\")]", problem.Element);
        Assert.Equal("'abcdefghijklmnop'", problem.Value);
        Assert.Equal("an interface name is at most 15 bytes (IFNAMSIZ), and this one is 16", problem.Rule);
    }

    [Theory]
    [InlineData("ééééééép", true)]
    [InlineData("éééééééé", false)]
    public void InterfaceNameLength_CountsUtf8Bytes(string name, bool valid)
    {
        // 8 characters each: 15 and 16 bytes in UTF-8.
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", name, null, "ns2", "eth0", null).ToSpec();

        Assert.Equal(valid, spec.Validate().Count == 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("eth/0")]
    [InlineData("eth:0")]
    [InlineData("eth 0")]
    public void InvalidInterfaceName_IsRejected(string name)
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", name, null, "ns2", "eth0", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal($"'{name}'", problem.Value);
    }

    [Theory]
    [InlineData("198.18.0.1/33", "an IPv4 prefix length is 0 to 32")]
    [InlineData("fd5e::1/129", "an IPv6 prefix length is 0 to 128")]
    [InlineData("nonsense", "an address is an IPv4 or IPv6 address with a prefix length, such as 198.18.0.1/24")]
    [InlineData("198.18.0/24", "an address is an IPv4 or IPv6 address with a prefix length, such as 198.18.0.1/24")]
    [InlineData("198.18.0.1/-1", "an IPv4 prefix length is 0 to 32")]
    [InlineData("198.18.0.1/", "an IPv4 prefix length is 0 to 32")]
    [InlineData(" ", "an address is required, written as address/prefix such as 198.18.0.1/24")]
    public void InvalidAddress_IsRejected(string address, string rule)
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", address, "ns2", "eth0", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal($"'{address}'", problem.Value);
        Assert.Equal(rule, problem.Rule);
    }

    [Fact]
    public void DuplicateNamespace_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddNamespace("ns2").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[NetNamespace(\"ns2\")]", problem.Element);
        Assert.Equal("'ns2'", problem.Value);
        Assert.Equal("each namespace name must be declared once", problem.Rule);
    }

    [Fact]
    public void DuplicateOnlyNamespace_NeedsNoBody()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("a").AddNamespace("a").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("each namespace name must be declared once", problem.Rule);
    }

    [Fact]
    public void DuplicateInterfaceInNamespace_IsRejected()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("a", body: true)
            .AddNamespace("b")
            .AddNamespace("c")
            .AddVeth("a", "eth0", null, "b", "eth0", null)
            .AddVeth("a", "eth0", null, "c", "eth0", null)
            .ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[VethLink(\"a\", \"eth0\", \"c\", \"eth0\")]", problem.Element);
        Assert.Equal("'eth0'", problem.Value);
        Assert.Equal("interface names must be unique within namespace 'a'", problem.Rule);
    }

    [Fact]
    public void BothEndsInOneNamespaceWithOneName_IsRejected()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("a").AddVeth("a", "v", null, "a", "v", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("interface names must be unique within namespace 'a'", problem.Rule);
    }

    [Fact]
    public void InterfaceNamedLo_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "lo", null, "ns2", "eth0", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("'lo'", problem.Value);
        Assert.Equal("interface names must be unique within namespace 'ns1'", problem.Rule);
    }

    [Fact]
    public void SameAddressOnBothEnds_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", "198.18.0.1/24").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("'198.18.0.1/24'", problem.Value);
        Assert.Equal("each address must be assigned once in the topology, and 198.18.0.1 is already on ns1/eth0", problem.Rule);
    }

    [Fact]
    public void SameAddressWithOtherPrefix_IsRejected()
    {
        TopologySpec spec = TwoNamespaces()
            .AddVeth("ns1", "eth0", "fd5e:7e57::1/64", "ns2", "eth0", null)
            .AddVeth("ns1", "eth1", null, "ns2", "eth1", "fd5e:7e57:0:0::1/48")
            .ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("each address must be assigned once in the topology, and fd5e:7e57::1 is already on ns1/eth0", problem.Rule);
    }

    [Fact]
    public void LinkToUndeclaredNamespace_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", null, "ns3", "eth0", null).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("'ns3'", problem.Value);
        Assert.Equal("the namespace of each end must be declared with [NetNamespace(\"ns3\")]", problem.Rule);
    }

    [Fact]
    public void SeveralNamespacesWithoutBody_IsRejected()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("ns1").AddNamespace("ns2").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[NetNamespace]", problem.Element);
        Assert.Equal("'ns1', 'ns2'", problem.Value);
        Assert.Equal("a test with several namespaces must mark the one its body runs in with Body = true", problem.Rule);
        Assert.Null(spec.BodyNamespace);
    }

    [Fact]
    public void SeveralBodies_IsRejected()
    {
        TopologySpec spec = new TopologyBuilder().AddNamespace("ns1", body: true).AddNamespace("ns2", body: true).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[NetNamespace(Body = true)]", problem.Element);
        Assert.Equal("'ns1', 'ns2'", problem.Value);
        Assert.Equal("only one namespace may be the body namespace", problem.Rule);
        Assert.Null(spec.BodyNamespace);
    }

    [Fact]
    public void LinksWithoutNamespaces_IsRejected()
    {
        TopologySpec spec = new TopologyBuilder().AddVeth("ns1", "eth0", null, "ns2", "eth0", null).ToSpec();

        IReadOnlyList<TopologyProblem> problems = spec.Validate();

        Assert.Equal("a test with links or routes must declare at least one namespace", problems[0].Rule);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void RouteWithHostBits_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.2.1/24", gateway: "198.18.0.2").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("[NetRoute(\"ns1\", \"198.18.2.1/24\")]", problem.Element);
        Assert.Equal("'198.18.2.1/24'", problem.Value);
        Assert.Equal("a destination network has no host bits set; write 198.18.2.0/24", problem.Rule);
    }

    [Fact]
    public void RouteWithInvalidDestination_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.2.0/40", gateway: "198.18.0.2").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("an IPv4 prefix length is 0 to 32", problem.Rule);
    }

    [Fact]
    public void GatewayOfOtherFamily_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.2.0/24", gateway: "fd5e:7e57::2").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("Gateway = 'fd5e:7e57::2'", problem.Value);
        Assert.Equal("the gateway must be of the destination's address family", problem.Rule);
    }

    [Fact]
    public void InvalidGateway_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.2.0/24", gateway: "router").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("Gateway = 'router'", problem.Value);
        Assert.Equal("a gateway must be an IPv4 or IPv6 address", problem.Rule);
    }

    [Fact]
    public void RouteWithoutGatewayOrDevice_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.2.0/24").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("no Gateway or Device", problem.Value);
        Assert.Equal("a route needs a gateway, a device or both", problem.Rule);
    }

    [Fact]
    public void RouteOnUnknownDevice_IsRejected()
    {
        TopologySpec spec = TwoNamespaces()
            .AddVeth("ns1", "eth0", null, "ns2", "eth0", null)
            .AddRoute("ns1", "198.18.2.0/24", device: "eth1")
            .ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("Device = 'eth1'", problem.Value);
        Assert.Equal("the device must be an interface declared in namespace 'ns1'", problem.Rule);
    }

    [Fact]
    public void RouteOnLo_IsAccepted()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "198.18.9.0/24", device: "lo").ToSpec();

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void RouteInUndeclaredNamespace_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns3", "default", gateway: "198.18.0.1").ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("'ns3'", problem.Value);
        Assert.Equal("the namespace of a route must be declared with [NetNamespace(\"ns3\")]", problem.Rule);
    }

    [Theory]
    [InlineData(67)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void MtuOutOfRange_IsRejected(int mtu)
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", null, "ns2", "eth0", null, mtu).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal($"Mtu = {mtu}", problem.Value);
        Assert.Equal("an MTU is 68 to 65535 bytes", problem.Rule);
    }

    [Theory]
    [InlineData(68)]
    [InlineData(1500)]
    [InlineData(65535)]
    public void MtuInRange_IsAccepted(int mtu)
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", null, mtu).ToSpec();

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void SmallMtuWithIPv6Address_IsRejected()
    {
        TopologySpec spec = TwoNamespaces()
            .AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", "fd5e:7e57::2/64", 1279)
            .ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("Mtu = 1279", problem.Value);
        Assert.Equal("an interface with an IPv6 address needs an MTU of at least 1280 bytes", problem.Rule);
    }

    [Fact]
    public void SmallMtuWithIPv4Address_IsAccepted()
    {
        TopologySpec spec = TwoNamespaces().AddVeth("ns1", "eth0", "198.18.0.1/24", "ns2", "eth0", "198.18.0.2/24", 576).ToSpec();

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void NegativeMetric_IsRejected()
    {
        TopologySpec spec = TwoNamespaces().AddRoute("ns1", "default", gateway: "198.18.0.2", metric: -5).ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal("Metric = -5", problem.Value);
        Assert.Equal("a metric is 0 or more; leave it out for the kernel's default", problem.Rule);
    }

    [Theory]
    [InlineData("0200000000", "a MAC address has 6 bytes, such as 02:00:00:00:00:01")]
    [InlineData("02:00:00:00:00", "a MAC address is written as six hex bytes, such as 02:00:00:00:00:01")]
    [InlineData("02:00:00:00:00:zz", "a MAC address is written as six hex bytes, such as 02:00:00:00:00:01")]
    [InlineData("01:00:5e:00:00:01", "a MAC address of an interface must be unicast (lowest bit of the first byte clear)")]
    public void BadMacAddress_IsRejected(string mac, string rule)
    {
        TopologySpec spec = TwoNamespaces()
            .AddVeth(new VethSpec(new VethEndSpec("ns1", "eth0"), new VethEndSpec("ns2", "eth0") { MacAddress = mac }))
            .ToSpec();

        TopologyProblem problem = SingleProblem(spec);

        Assert.Equal($"'{mac}'", problem.Value);
        Assert.Equal(rule, problem.Rule);
    }

    [Fact]
    public void EmptySpec_IsEmpty()
    {
        TopologySpec spec = new TopologyBuilder().ToSpec();

        Assert.True(spec.IsEmpty);
    }

    [Fact]
    public void SeveralProblems_AreAllInMessage()
    {
        TopologySpec spec = new TopologyBuilder()
            .AddNamespace("client", body: true)
            .AddNamespace("server")
            .AddNamespace("server")
            .AddVeth("client", "a-name-too-long-", "198.18.0.1/33", "router", "eth0", "198.18.0.2/24", mtu: 40)
            .AddVeth("client", "eth1", "198.18.0.2/24", "server", "eth0", "nonsense")
            .AddRoute("client", "198.18.2.1/24", gateway: "fd5e:7e57::1")
            .AddRoute("server", "default")
            .ToSpec();

        var exception = Assert.Throws<TopologyValidationException>(spec.ThrowIfInvalid);

        string expected = string.Join(
            "\n",
            "The network topology declaration has 9 problems; nothing was created:",
            "  - [NetNamespace(\"server\")]: 'server': each namespace name must be declared once.",
            "  - [VethLink(\"client\", \"a-name-too-long-\", \"router\", \"eth0\")]: Mtu = 40: an MTU is 68 to 65535 bytes.",
            "  - [VethLink(\"client\", \"a-name-too-long-\", \"router\", \"eth0\")]: 'a-name-too-long-': " +
                "an interface name is at most 15 bytes (IFNAMSIZ), and this one is 16.",
            "  - [VethLink(\"client\", \"a-name-too-long-\", \"router\", \"eth0\")]: '198.18.0.1/33': " +
                "an IPv4 prefix length is 0 to 32.",
            "  - [VethLink(\"client\", \"a-name-too-long-\", \"router\", \"eth0\")]: 'router': " +
                "the namespace of each end must be declared with [NetNamespace(\"router\")].",
            "  - [VethLink(\"client\", \"eth1\", \"server\", \"eth0\")]: '198.18.0.2/24': " +
                "each address must be assigned once in the topology, and 198.18.0.2 is already on router/eth0.",
            "  - [VethLink(\"client\", \"eth1\", \"server\", \"eth0\")]: 'nonsense': " +
                "an address is an IPv4 or IPv6 address with a prefix length, such as 198.18.0.1/24.",
            "  - [NetRoute(\"client\", \"198.18.2.1/24\")]: '198.18.2.1/24': " +
                "a destination network has no host bits set; write 198.18.2.0/24.",
            "  - [NetRoute(\"server\", \"default\")]: no Gateway or Device: a route needs a gateway, a device or both.");
        Assert.Equal(expected, exception.Message);
        Assert.Equal(9, exception.Problems.Count);
    }
}
