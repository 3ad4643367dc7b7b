using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Netns.Testing;

/// <summary>The library's log messages, with stable event ids.</summary>
internal static partial class NamespaceLog
{
    public static ILogger Logger { get; set; } = NullLogger.Instance;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Topology up in {ElapsedMs:F2} ms: {Topology}")]
    public static partial void TopologyUp(ILogger logger, double elapsedMs, TopologySpec topology);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Topology down in {ElapsedMs:F2} ms: {Topology}")]
    public static partial void TopologyDown(ILogger logger, double elapsedMs, TopologySpec topology);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Namespace '{Name}' created with inode {Inode}")]
    public static partial void NamespaceCreated(ILogger logger, string name, ulong inode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Unhandled exception on the thread of namespace '{Name}'")]
    public static partial void UnhandledException(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Process {ProcessId} in namespace '{Name}' did not exit after SIGTERM; sending SIGKILL")]
    public static partial void ProcessKilled(ILogger logger, int processId, string name);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The thread of namespace '{Name}' did not leave it within {TimeoutMs} ms; it is abandoned")]
    public static partial void ThreadAbandoned(ILogger logger, string name, int timeoutMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "A thread could not enter namespace '{Name}': {Error}; it waits in the quarantine namespace")]
    public static partial void ThreadEnterFailed(ILogger logger, string name, string error);
}
