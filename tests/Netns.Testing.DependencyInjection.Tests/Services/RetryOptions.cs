namespace Netns.Testing.DependencyInjection.Tests.Services;

/// <summary>How often and how patiently <see cref="RetryingEchoClient"/> retries.</summary>
/// <param name="MaxAttempts">Connection attempts in all, at least 1.</param>
/// <param name="InitialDelay">The wait after the first failure; it doubles after each further one.</param>
public sealed record RetryOptions(int MaxAttempts, TimeSpan InitialDelay);
