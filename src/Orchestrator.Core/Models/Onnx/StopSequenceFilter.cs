namespace Orchestrator.Models.Onnx;

/// <summary>
/// Releases generated text while holding back the tail that could still become a stop sequence,
/// so streamed output never shows a stop sequence (or half of one) that is later trimmed.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly IReadOnlyList<string> _stops;
    private readonly int _holdBack;
    private readonly System.Text.StringBuilder _text = new();
    private int _released;

    public StopSequenceFilter(IEnumerable<string>? stops)
    {
        _stops = stops?.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? [];
        _holdBack = _stops.Count == 0 ? 0 : _stops.Max(s => s.Length) - 1;
    }

    public bool Stopped { get; private set; }

    /// <summary>Adds a decoded piece; returns the text that is now safe to show (possibly empty).</summary>
    public string Push(string piece)
    {
        if (Stopped)
        {
            return string.Empty;
        }

        _text.Append(piece);
        var all = _text.ToString();
        // Search only where a new match can start: an earlier one would already have stopped us.
        var from = Math.Max(0, _released - _holdBack);
        var cut = -1;
        foreach (var stop in _stops)
        {
            var at = all.IndexOf(stop, from, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            return Release(all, Math.Max(cut, _released));
        }

        return Release(all, Math.Max(_released, all.Length - PendingPrefix(all)));
    }

    /// <summary>Length of the longest tail of <paramref name="all"/> that starts some stop sequence.</summary>
    private int PendingPrefix(string all)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            for (var k = Math.Min(stop.Length - 1, all.Length); k > longest; k--)
            {
                if (all.AsSpan(all.Length - k).SequenceEqual(stop.AsSpan(0, k)))
                {
                    longest = k;
                    break;
                }
            }
        }

        return longest;
    }

    /// <summary>Whatever was held back, once generation ended without a stop sequence.</summary>
    public string Flush() => Stopped ? string.Empty : Release(_text.ToString(), _text.Length);

    private string Release(string all, int upTo)
    {
        var piece = all[_released..upTo];
        _released = upTo;
        return piece;
    }
}
