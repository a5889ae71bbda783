using System.Text.Json;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Says what is wrong with a dataset's JSON in the dataset's own terms. The serializer's messages
/// name .NET types ("could not be converted to System.Collections.Generic.IReadOnlyList`1[...]"),
/// which tell a user nothing and show internals; the field path and the line do tell them.
/// </summary>
internal static class JsonProblem
{
    /// <param name="exception">What the serializer or our own checks threw.</param>
    /// <param name="wholeFile">The JSON is a whole file (say the line), not one line of a JSON-lines file (say only the byte).</param>
    public static string Describe(JsonException exception, bool wholeFile)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var line = exception.LineNumber is not { } n ? ""
            : wholeFile ? $" (line {n + 1}, byte {exception.BytePositionInLine + 1})"
            : $" (byte {exception.BytePositionInLine + 1})";
        if (exception.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var field = exception.Path is null or "$" ? "the top-level value" : $"\"{exception.Path.TrimStart('$').TrimStart('.')}\"";
            return $"{field} has the wrong JSON type{line}";
        }

        if (exception.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the file is empty";
        }

        // Our own messages and the reader's syntax errors carry no type names; keep the first sentence.
        var message = exception.Message;
        var cut = IndexOfAny(message, " Path: ", " LineNumber:");
        var text = (cut > 0 ? message[..cut] : message).TrimEnd();
        if (exception.Path is not null && exception.LineNumber is not null)
        {
            return $"{text.TrimEnd('.')}{line}";
        }

        return text;
    }

    private static int IndexOfAny(string text, params string[] markers) =>
        markers.Select(m => text.IndexOf(m, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
