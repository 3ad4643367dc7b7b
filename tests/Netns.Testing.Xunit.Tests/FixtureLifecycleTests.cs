using Xunit;

namespace Netns.Testing.Xunit.Tests;

/// <summary>Records the namespace a collection fixture is created in.</summary>
public sealed class HostInodeFixture
{
    public ulong CreatedIn { get; } = NamespaceThreads.GetCurrentThreadInode();
}

[CollectionDefinition(Name)]
public sealed class HostInodeCollection : ICollectionFixture<HostInodeFixture>
{
    public const string Name = "Host inode";
}

[Collection(HostInodeCollection.Name)]
[NetNamespace("ns1")]
public sealed class FixtureLifecycleTests(HostInodeFixture fixture)
{
    [NetFact]
    public void CollectionFixture_IsCreatedInHost(NetworkNamespace ns1)
    {
        Assert.Equal(HostNamespace.Inode, fixture.CreatedIn);
        Assert.Equal(ns1.Inode, NamespaceThreads.GetCurrentThreadInode());
    }
}
