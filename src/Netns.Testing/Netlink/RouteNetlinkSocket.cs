using System.Runtime.InteropServices;
using Netns.Testing.Interop;
using Netns.Testing.Netlink.Wire;
using Tmds.Linux;
using static Netns.Testing.Netlink.Wire.NetlinkConstants;

namespace Netns.Testing.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket. It belongs to the network namespace of the thread that opened it, so
/// requests sent on it act in that namespace whichever thread sends them. Callers serialize use.
/// </summary>
internal sealed unsafe class RouteNetlinkSocket : IDisposable
{
    // A dump of a namespace's links fits in a few pages; the kernel sizes multipart datagrams
    // to at most 32 KiB unless the receive buffer is smaller.
    private const int ReceiveBufferSize = 64 * 1024;
    private const int MaxDumpAttempts = 5;

    private readonly string _namespaceName;
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private int _fd;
    private uint _sequence;

    private RouteNetlinkSocket(int fd, string namespaceName)
    {
        _fd = fd;
        _namespaceName = namespaceName;
    }

    public NetlinkMessageWriter Writer { get; } = new();

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static RouteNetlinkSocket Open(string namespaceName)
    {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0)
        {
            int errno = LibC.errno;
            throw new NetworkNamespaceException(
                $"Opening a netlink socket in namespace '{namespaceName}' failed: {Errno.Describe(errno)}.", errno);
        }

        int one = 1;
        // Extended acks carry the kernel's reason text; capped acks leave out the echoed request.
        LibC.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(int));
        LibC.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(int));

        var address = new sockaddr_nl { nl_family = AF_NETLINK };
        if (LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(sockaddr_nl)) != 0)
        {
            int errno = LibC.errno;
            LibC.close(fd);
            throw new NetworkNamespaceException(
                $"Binding a netlink socket in namespace '{namespaceName}' failed: {Errno.Describe(errno)}.", errno);
        }

        return new RouteNetlinkSocket(fd, namespaceName);
    }

    public uint NextSequence() => ++_sequence;

    /// <summary>Sends the message in <see cref="Writer"/> and waits for its acknowledgement.</summary>
    /// <param name="operation">The operation and its object, for the error message.</param>
    public void SendAndAcknowledge(string operation)
    {
        uint sequence = ReadSequence(Writer.WrittenSpan);
        Send(Writer.WrittenSpan, operation);
        while (true)
        {
            int received = Receive(operation);
            var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
            while (reader.TryRead(out NetlinkMessage message))
            {
                if (message.Header.nlmsg_seq != sequence)
                {
                    continue;
                }

                if (message.Type == NLMSG_ERROR)
                {
                    ThrowIfError(message, operation);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Sends the dump request in <see cref="Writer"/> and hands every reply message to
    /// <paramref name="onMessage"/>. A dump that the kernel marks interrupted (NLM_F_DUMP_INTR,
    /// because the table changed while it was read) is discarded and requested again.
    /// </summary>
    public void Dump<TState>(string operation, TState state, DumpCallback<TState> onMessage, Action<TState> onRestart)
    {
        byte[] request = Writer.WrittenSpan.ToArray();
        for (int attempt = 1; ; attempt++)
        {
            uint sequence = NextSequence();
            MemoryMarshal.Write(request.AsSpan(8), in sequence);
            Send(request, operation);
            bool interrupted = ReceiveDump(operation, sequence, state, onMessage);
            if (!interrupted)
            {
                return;
            }

            if (attempt == MaxDumpAttempts)
            {
                throw new NetworkNamespaceException(
                    $"{operation} in namespace '{_namespaceName}' failed: the dump was interrupted {MaxDumpAttempts} times " +
                    "because the table kept changing while it was read.");
            }

            onRestart(state);
        }
    }

    public delegate void DumpCallback<TState>(TState state, in NetlinkMessage message);

    private bool ReceiveDump<TState>(string operation, uint sequence, TState state, DumpCallback<TState> onMessage)
    {
        bool interrupted = false;
        while (true)
        {
            int received = Receive(operation);
            var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
            while (reader.TryRead(out NetlinkMessage message))
            {
                if (message.Header.nlmsg_seq != sequence)
                {
                    continue;
                }

                if ((message.Header.nlmsg_flags & NLM_F_DUMP_INTR) != 0)
                {
                    interrupted = true;
                }

                switch (message.Type)
                {
                    case NLMSG_DONE:
                        return interrupted;
                    case NLMSG_ERROR:
                        ThrowIfError(message, operation);
                        return interrupted;
                    case NLMSG_NOOP:
                        continue;
                    default:
                        if (!interrupted)
                        {
                            onMessage(state, message);
                        }

                        break;
                }
            }
        }
    }

    private void ThrowIfError(in NetlinkMessage message, string operation)
    {
        nlmsgerr error = message.ReadFamilyHeader<nlmsgerr>();
        if (error.error == 0)
        {
            return;
        }

        throw new NetlinkException(operation, _namespaceName, -error.error, ReadExtendedAck(message, error));
    }

    internal static string? ReadExtendedAck(in NetlinkMessage message, nlmsgerr error)
    {
        if ((message.Header.nlmsg_flags & NLM_F_ACK_TLVS) == 0)
        {
            return null;
        }

        // The TLVs follow the error header and, unless the ack is capped, the echoed request payload.
        int offset = sizeof(nlmsgerr);
        if ((message.Header.nlmsg_flags & NLM_F_CAPPED) == 0)
        {
            offset += (int)error.msg.nlmsg_len - NLMSG_HDRLEN;
        }

        if (offset > message.Payload.Length)
        {
            return null;
        }

        var attributes = new NetlinkAttributeReader(message.Payload.Slice(NetlinkMessageWriter.Align(offset)));
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> payload))
        {
            if (type == NLMSGERR_ATTR_MSG)
            {
                return NetlinkAttributeReader.ReadString(payload);
            }
        }

        return null;
    }

    private static uint ReadSequence(ReadOnlySpan<byte> message) => MemoryMarshal.Read<uint>(message.Slice(8));

    private void Send(ReadOnlySpan<byte> message, string operation)
    {
        // A closed fd number may already belong to another file; never send on it.
        if (Volatile.Read(ref _fd) < 0)
        {
            throw new ObjectDisposedException(
                $"netlink socket of namespace '{_namespaceName}'",
                $"{operation} in namespace '{_namespaceName}' failed: the namespace was disposed, which closed its netlink socket.");
        }

        var kernel = new sockaddr_nl { nl_family = AF_NETLINK };
        fixed (byte* buffer = message)
        {
            while (true)
            {
                long sent = LibC.sendto(_fd, buffer, (size_t)message.Length, 0, (sockaddr*)&kernel, (uint)sizeof(sockaddr_nl));
                if (sent >= 0)
                {
                    return;
                }

                int errno = LibC.errno;
                if (errno != Errno.EINTR)
                {
                    throw new NetlinkException(operation, _namespaceName, errno, null);
                }
            }
        }
    }

    private int Receive(string operation)
    {
        fixed (byte* buffer = _receiveBuffer)
        {
            while (true)
            {
                long received = LibC.recv(_fd, buffer, (size_t)_receiveBuffer.Length, 0);
                if (received >= 0)
                {
                    return (int)received;
                }

                int errno = LibC.errno;
                if (errno != Errno.EINTR)
                {
                    throw new NetlinkException(operation, _namespaceName, errno, null);
                }
            }
        }
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}
