using System.Reflection;

namespace Netns.Testing.Tests.Validation;

public class TopologySpecAttributeTests
{
    [Fact]
    public void FromAttributes_ClassFirstThenMethod()
    {
        MethodInfo method = typeof(DeclaringFixture).GetMethod(nameof(DeclaringFixture.Test))!;

        TopologySpec spec = TopologySpec.FromAttributes(method, typeof(DeclaringFixture));

        Assert.Equal(["client", "server"], spec.Namespaces.Select(n => n.Name));
        Assert.True(spec.Namespaces[0].IsBody);
        Assert.False(spec.Namespaces[1].IsBody);
        Assert.True(spec.Namespaces[1].Options.IPForwarding);
        Assert.True(spec.Namespaces[1].Options.AllowUnprivilegedPing);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void FromAttributes_ReadsVethLink()
    {
        MethodInfo method = typeof(DeclaringFixture).GetMethod(nameof(DeclaringFixture.Test))!;

        VethSpec veth = Assert.Single(TopologySpec.FromAttributes(method).Veths);

        Assert.Equal("client/eth0", veth.End1.ToString());
        Assert.Equal("server/eth0", veth.End2.ToString());
        Assert.Equal("02:00:00:00:00:01", veth.End1.MacAddress);
        Assert.Equal(["198.18.0.1/24", "fd5e:7e57::1/64"], veth.End1.Addresses);
        Assert.Equal(["198.18.0.2/24"], veth.End2.Addresses);
        Assert.Null(veth.End2.MacAddress);
        Assert.Equal(9000, veth.Mtu);
    }

    [Fact]
    public void FromAttributes_ReadsRoutes()
    {
        MethodInfo method = typeof(DeclaringFixture).GetMethod(nameof(DeclaringFixture.Test))!;

        IReadOnlyList<RouteSpec> routes = TopologySpec.FromAttributes(method).Routes;

        Assert.Equal(2, routes.Count);
        Assert.Equal(new RouteSpec("client", "198.18.2.0/24") { Gateway = "198.18.0.2", Metric = 20 }, routes[0]);
        Assert.Equal(new RouteSpec("server", "default") { Device = "eth0" }, routes[1]);
    }

    [Fact]
    public void FromAttributes_KernelDefaultsWhenUnset()
    {
        MethodInfo method = typeof(DeclaringFixture).GetMethod(nameof(DeclaringFixture.Plain))!;

        TopologySpec spec = TopologySpec.FromAttributes(method, typeof(PlainFixture));

        Assert.Equal("solo", Assert.Single(spec.Namespaces).Name);
        Assert.False(spec.Namespaces[0].Options.IPForwarding);
        Assert.True(spec.Namespaces[0].Options.DisableDuplicateAddressDetection);
        Assert.Equal("solo", spec.BodyNamespace?.Name);
    }

    [Fact]
    public void FromAttributes_WithoutDeclarations_IsEmpty()
    {
        MethodInfo method = typeof(TopologySpecAttributeTests).GetMethod(nameof(FromAttributes_WithoutDeclarations_IsEmpty))!;

        TopologySpec spec = TopologySpec.FromAttributes(method);

        Assert.True(spec.IsEmpty);
    }

    [Fact]
    public void ToString_DescribesTopology()
    {
        MethodInfo method = typeof(DeclaringFixture).GetMethod(nameof(DeclaringFixture.Test))!;

        TopologySpec spec = TopologySpec.FromAttributes(method);

        Assert.Equal(
            "client (body), server; client/eth0 198.18.0.1/24 fd5e:7e57::1/64 - server/eth0 198.18.0.2/24 mtu 9000; " +
            "client: 198.18.2.0/24 via 198.18.0.2; server: default dev eth0",
            spec.ToString());
    }

    [NetNamespace("client", Body = true)]
    private sealed class DeclaringFixture
    {
        [NetNamespace("server", IPForwarding = true, AllowUnprivilegedPing = true)]
        [VethLink("client", "eth0", "server", "eth0",
            Address1 = "198.18.0.1/24, fd5e:7e57::1/64",
            Address2 = "198.18.0.2/24",
            Mtu = 9000,
            MacAddress1 = "02:00:00:00:00:01")]
        [NetRoute("client", "198.18.2.0/24", Gateway = "198.18.0.2", Metric = 20)]
        [NetRoute("server", "default", Device = "eth0")]
        public void Test()
        {
        }

        public void Plain()
        {
        }
    }

    [NetNamespace("solo")]
    private sealed class PlainFixture;
}
