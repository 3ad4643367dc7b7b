using Microsoft.Extensions.Logging;

namespace Netns.Testing.DependencyInjection;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Hosted service {Service} started in namespace '{Namespace}'")]
    public static partial void ServiceStarted(ILogger logger, string service, string @namespace);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Hosted service {Service} stopped in namespace '{Namespace}'")]
    public static partial void ServiceStopped(ILogger logger, string service, string @namespace);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Hosted service {Service} in namespace '{Namespace}' was still running at dispose; stopping it now")]
    public static partial void StoppingOnDispose(ILogger logger, string service, string @namespace);
}
