using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink.Wire;

/// <summary>One received netlink message: its header and the payload after the header.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(nlmsghdr header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public nlmsghdr Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    public ushort Type => Header.nlmsg_type;

    public T ReadFamilyHeader<T>() where T : unmanaged
    {
        if (Payload.Length < Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException(
                $"Netlink message of type {Type} has {Payload.Length} payload bytes, fewer than its {typeof(T).Name} header.");
        }

        return MemoryMarshal.Read<T>(Payload);
    }

    /// <summary>Returns the attributes that follow a family header of type <typeparamref name="T"/>.</summary>
    public NetlinkAttributeReader GetAttributes<T>() where T : unmanaged
    {
        int offset = NetlinkMessageWriter.Align(Unsafe.SizeOf<T>());
        return new NetlinkAttributeReader(offset <= Payload.Length ? Payload.Slice(offset) : default);
    }
}

/// <summary>Walks the messages in one datagram received from a netlink socket.</summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
    }

    public bool TryRead(out NetlinkMessage message)
    {
        if (_remaining.Length < NLMSG_HDRLEN)
        {
            message = default;
            return false;
        }

        nlmsghdr header = MemoryMarshal.Read<nlmsghdr>(_remaining);
        if (header.nlmsg_len < NLMSG_HDRLEN || header.nlmsg_len > _remaining.Length)
        {
            throw new InvalidDataException(
                $"Netlink message length {header.nlmsg_len} is invalid for a datagram with {_remaining.Length} bytes left.");
        }

        message = new NetlinkMessage(header, _remaining.Slice(NLMSG_HDRLEN, (int)header.nlmsg_len - NLMSG_HDRLEN));
        int advance = Math.Min(NetlinkMessageWriter.Align((int)header.nlmsg_len), _remaining.Length);
        _remaining = _remaining.Slice(advance);
        return true;
    }
}

/// <summary>Walks a run of netlink attributes; nested attributes are read with a new reader over the payload.</summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
    }

    public bool TryRead(out ushort type, out ReadOnlySpan<byte> payload)
    {
        if (_remaining.Length < NLA_HDRLEN)
        {
            type = 0;
            payload = default;
            return false;
        }

        nlattr header = MemoryMarshal.Read<nlattr>(_remaining);
        if (header.nla_len < NLA_HDRLEN || header.nla_len > _remaining.Length)
        {
            throw new InvalidDataException(
                $"Netlink attribute length {header.nla_len} is invalid with {_remaining.Length} bytes left.");
        }

        type = (ushort)(header.nla_type & NLA_TYPE_MASK);
        payload = _remaining.Slice(NLA_HDRLEN, header.nla_len - NLA_HDRLEN);
        int advance = Math.Min(NetlinkMessageWriter.Align(header.nla_len), _remaining.Length);
        _remaining = _remaining.Slice(advance);
        return true;
    }

    public static string ReadString(ReadOnlySpan<byte> payload)
    {
        int end = payload.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? payload : payload.Slice(0, end));
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> payload) => MemoryMarshal.Read<uint>(payload);
}
