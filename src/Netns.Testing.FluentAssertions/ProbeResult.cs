namespace Netns.Testing.FluentAssertions;

/// <summary>What a reachability probe did.</summary>
/// <param name="Succeeded">Whether the probe got through.</param>
/// <param name="Outcome">What happened, worded to follow "but": namespace "client" got no echo reply.</param>
/// <param name="Response">The datagram a UDP probe received, or null.</param>
internal readonly record struct ProbeResult(bool Succeeded, string Outcome, byte[]? Response = null);
