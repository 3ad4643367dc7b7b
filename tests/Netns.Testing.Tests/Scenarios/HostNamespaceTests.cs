using Xunit;
using Netns.Testing.Tests.Support;

namespace Netns.Testing.Tests.Scenarios;

[Collection(KernelCountersCollection.Name)]
public sealed class HostNamespaceTests
{
    [Fact]
    public void HostNamespace_LinksAddressesAndRoutesUnchanged()
    {
        // This collection runs after every parallel test of the assembly has finished.
        Assert.Equal(HostSnapshot.AtStart, HostSnapshot.Take());
    }

    [Fact]
    public void HostNamespace_IsMainThreadNamespace()
    {
        ulong mainThread = Interop.Sys.ReadNamespaceInode($"/proc/self/task/{Environment.ProcessId}/ns/net");
        Assert.Equal(mainThread, HostNamespace.Inode);
    }
}
