using Microsoft.Extensions.Logging;

namespace Netns.Testing.Xunit.Sdk;

/// <summary>
/// Writes the core library's Information and higher log messages (topology up and down, with timings)
/// to a test's output or to xunit's diagnostic messages.
/// </summary>
internal sealed class TestOutputLogger(Action<string> writeLine) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState,
        Exception?,
        string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception);
        WriteLine(exception is null ? message : $"{message}: {exception.Message}");
    }

    public void WriteLine(string message)
    {
        try
        {
            writeLine($"[netns] {message}");
        }
        catch (InvalidOperationException)
        {
            // The test's output closes when the test ends; a late teardown line has nowhere to go.
        }
    }
}
