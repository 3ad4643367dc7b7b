using System.Net.Sockets;

namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>An echo request that failed on every attempt; the inner exception is the last failure.</summary>
public sealed class EchoFailedException(string message, int attempts, SocketException lastError) : Exception(message, lastError)
{
    public int Attempts { get; } = attempts;

    public SocketError SocketError => lastError.SocketErrorCode;
}
