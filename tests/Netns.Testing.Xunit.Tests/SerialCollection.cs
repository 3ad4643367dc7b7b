using Xunit;

namespace Netns.Testing.Xunit.Tests;

/// <summary>
/// Tests that compare the process's threads or the thread pool before and after a fixture run; xunit
/// runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
