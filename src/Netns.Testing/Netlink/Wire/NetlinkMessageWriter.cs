using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink.Wire;

/// <summary>
/// Builds one netlink message: a header, a fixed-size family header, then attributes, each
/// padded to 4 bytes. Lengths are filled in when the message or a nested attribute ends.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer;
    private int _length;
    private int _messageStart = -1;

    public NetlinkMessageWriter(int capacity = 512)
    {
        _buffer = new byte[capacity];
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Reset()
    {
        _length = 0;
        _messageStart = -1;
    }

    public static int Align(int length) => (length + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);

    public void BeginMessage(ushort type, ushort flags, uint sequence)
    {
        _messageStart = _length;
        var header = new nlmsghdr { nlmsg_type = type, nlmsg_flags = flags, nlmsg_seq = sequence };
        WriteStruct(header);
    }

    public void EndMessage()
    {
        if (_messageStart < 0)
        {
            throw new InvalidOperationException("No message was begun.");
        }

        uint messageLength = (uint)(_length - _messageStart);
        MemoryMarshal.Write(_buffer.AsSpan(_messageStart), in messageLength);
        _messageStart = -1;
    }

    public void WriteStruct<T>(in T value) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        Span<byte> destination = Reserve(Align(size));
        MemoryMarshal.Write(destination, in value);
    }

    public void WriteAttribute(ushort type, ReadOnlySpan<byte> payload)
    {
        int attributeLength = NLA_HDRLEN + payload.Length;
        Span<byte> destination = Reserve(Align(attributeLength));
        var header = new nlattr { nla_len = (ushort)attributeLength, nla_type = type };
        MemoryMarshal.Write(destination, in header);
        payload.CopyTo(destination.Slice(NLA_HDRLEN));
    }

    public void WriteAttribute(ushort type, uint value)
    {
        Span<byte> payload = stackalloc byte[sizeof(uint)];
        MemoryMarshal.Write(payload, in value);
        WriteAttribute(type, payload);
    }

    public void WriteAttribute(ushort type, int value) => WriteAttribute(type, unchecked((uint)value));

    /// <summary>Writes a NUL-terminated string attribute, as the kernel expects for names.</summary>
    public void WriteAttribute(ushort type, string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> payload = byteCount < 256 ? stackalloc byte[byteCount + 1] : new byte[byteCount + 1];
        Encoding.UTF8.GetBytes(value, payload);
        payload[byteCount] = 0;
        WriteAttribute(type, payload);
    }

    public void WriteAttribute(ushort type, IPAddress address)
    {
        Span<byte> payload = stackalloc byte[16];
        address.TryWriteBytes(payload, out int written);
        WriteAttribute(type, payload.Slice(0, written));
    }

    /// <summary>Starts a nested attribute and returns its offset for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        int start = _length;
        Span<byte> destination = Reserve(NLA_HDRLEN);
        var header = new nlattr { nla_len = 0, nla_type = type };
        MemoryMarshal.Write(destination, in header);
        return start;
    }

    public void EndNested(int start)
    {
        ushort nestedLength = (ushort)(_length - start);
        MemoryMarshal.Write(_buffer.AsSpan(start), in nestedLength);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        // Padding bytes must be zero: the buffer is reused between messages.
        Span<byte> span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }
}
