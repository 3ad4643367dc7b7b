namespace Netns.Testing.FluentAssertions;

/// <summary>Text helpers for failure messages built from literal text.</summary>
internal static class Escaping
{
    /// <summary>
    /// Escapes braces so FluentAssertions keeps literal text as it is: it treats "{name}" as a
    /// placeholder and formats the message with string.Format.
    /// </summary>
    public static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>Formats a duration as "2s", "1.5s" or "250ms".</summary>
    public static string FormatDuration(TimeSpan duration) => duration.TotalMilliseconds < 1000
        ? $"{duration.TotalMilliseconds:0.###}ms"
        : $"{duration.TotalSeconds:0.###}s";
}
