using System.Text;

namespace Orchestrator.Escalation.Middleware;

/// <summary>Buffers streamed text and releases it in whole sentences or lines.</summary>
internal sealed class SentenceSegmenter
{
    private readonly StringBuilder _buffer = new();

    public IEnumerable<string> Push(string text)
    {
        _buffer.Append(text);
        var value = _buffer.ToString();
        var end = LastBoundary(value);
        if (end <= 0)
        {
            return [];
        }

        _buffer.Remove(0, end);
        return [value[..end]];
    }

    public string Flush()
    {
        var rest = _buffer.ToString();
        _buffer.Clear();
        return rest;
    }

    /// <summary>Index just after the last ". ", "! ", "? " or newline; 0 when there is none.</summary>
    public static int LastBoundary(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '\n' || (text[i] == ' ' && i > 0 && text[i - 1] is '.' or '!' or '?'))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
