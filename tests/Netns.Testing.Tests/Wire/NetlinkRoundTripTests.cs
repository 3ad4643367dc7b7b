using Netns.Testing.Netlink.Wire;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Tests.Wire;

public class NetlinkRoundTripTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1234)]
    public void RandomAttributes_ReadBackEqual(int seed)
    {
        var random = new Random(seed);
        var written = new List<(ushort Type, byte[] Payload)>();
        for (int i = 0; i < 50; i++)
        {
            var payload = new byte[random.Next(0, 70)];
            random.NextBytes(payload);
            written.Add(((ushort)random.Next(1, NLA_TYPE_MASK + 1), payload));
        }

        var writer = new NetlinkMessageWriter(capacity: 32);
        writer.BeginMessage(RTM_NEWLINK, NLM_F_REQUEST, (uint)seed);
        writer.WriteStruct(new ifinfomsg { ifi_index = seed });
        foreach ((ushort type, byte[] payload) in written)
        {
            writer.WriteAttribute(type, payload);
        }

        writer.EndMessage();

        var read = new List<(ushort Type, byte[] Payload)>();
        var reader = new NetlinkMessageReader(writer.WrittenSpan);
        Assert.True(reader.TryRead(out NetlinkMessage message));
        Assert.Equal((uint)writer.Length, message.Header.nlmsg_len);
        Assert.Equal((uint)seed, message.Header.nlmsg_seq);
        Assert.Equal(seed, message.ReadFamilyHeader<ifinfomsg>().ifi_index);
        NetlinkAttributeReader attributes = message.GetAttributes<ifinfomsg>();
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            read.Add((type, payload.ToArray()));
        }

        Assert.False(reader.TryRead(out _));
        Assert.Equal(written.Count, read.Count);
        for (int i = 0; i < written.Count; i++)
        {
            Assert.Equal(written[i].Type, read[i].Type);
            Assert.Equal(written[i].Payload, read[i].Payload);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(99)]
    public void RandomNestedAttributes_ReadBackEqual(int seed)
    {
        var random = new Random(seed);
        var writer = new NetlinkMessageWriter();
        var expected = new List<byte[]>();
        int outer = writer.BeginNested(IFLA_LINKINFO);
        for (int i = 0; i < 10; i++)
        {
            var payload = new byte[random.Next(0, 20)];
            random.NextBytes(payload);
            expected.Add(payload);
            int inner = writer.BeginNested((ushort)(i + 1));
            writer.WriteAttribute(1, payload);
            writer.EndNested(inner);
        }

        writer.EndNested(outer);

        var reader = new NetlinkAttributeReader(writer.WrittenSpan);
        Assert.True(reader.TryRead(out ushort outerType, out ReadOnlySpan<byte> outerPayload));
        Assert.Equal(IFLA_LINKINFO, outerType);
        Assert.Equal(writer.Length - NLA_HDRLEN, outerPayload.Length);
        var nested = new NetlinkAttributeReader(outerPayload);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(nested.TryRead(out ushort type, out ReadOnlySpan<byte> innerPayload));
            Assert.Equal(i + 1, type);
            var leaf = new NetlinkAttributeReader(innerPayload);
            Assert.True(leaf.TryRead(out ushort leafType, out ReadOnlySpan<byte> leafPayload));
            Assert.Equal(1, leafType);
            Assert.Equal(expected[i], leafPayload.ToArray());
        }

        Assert.False(nested.TryRead(out _, out _));
        Assert.False(reader.TryRead(out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lo")]
    [InlineData("eth0")]
    [InlineData("a-15-byte-name!")]
    [InlineData("vëth-ünicode")]
    public void StringAttribute_ReadsBackEqual(string value)
    {
        var writer = new NetlinkMessageWriter();
        writer.WriteAttribute(IFLA_IFNAME, value);

        var reader = new NetlinkAttributeReader(writer.WrittenSpan);
        Assert.True(reader.TryRead(out ushort type, out ReadOnlySpan<byte> payload));
        string read = NetlinkAttributeReader.ReadString(payload);

        Assert.Equal(IFLA_IFNAME, type);
        Assert.Equal(value, read);
        Assert.Equal(0, writer.Length % NLA_ALIGNTO);
    }
}
