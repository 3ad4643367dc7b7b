namespace Netns.Testing.Tests.Kernel;

/// <summary>
/// Tests that count namespaces process- or system-wide, or swap the library's static logger.
/// They run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NamespaceAccountingCollection
{
    public const string Name = "Namespace accounting";
}
