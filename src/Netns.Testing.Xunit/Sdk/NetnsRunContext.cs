using Xunit.Abstractions;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>What a namespaced test case's runners need beyond xunit's own arguments.</summary>
internal sealed record NetnsRunContext(IMessageSink DiagnosticMessageSink, ClassTopology? ClassTopology);
