using Xunit;
namespace Netns.Testing.Tests.Support;

/// <summary>
/// Tests that read machine-wide kernel counters (the live namespace count) run alone, after the
/// parallel tests of this assembly, so other tests' namespaces do not move the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCountersCollection
{
    public const string Name = "Kernel counters";
}
