using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal.Commands;

namespace Netns.Testing.NUnit.Internal;

/// <summary>
/// Wraps a test's setup, body and teardown in a <see cref="TopologyCommand"/>. NUnit finds it among
/// the attributes of a <see cref="TopologyMethodInfo"/>.
/// </summary>
internal sealed class TopologyWrapper(TopologySpec? spec) : IWrapSetUpTearDown
{
    public TestCommand Wrap(TestCommand command) => new TopologyCommand(command, spec);
}
