using System.Collections.Concurrent;

namespace Orchestrator.Pipeline;

/// <summary>
/// What the built-in <c>pii</c> check made of a citation's quote, by the quote's text. Quotes are stored
/// passage text, so the same ones come back request after request (a popular policy paragraph), and the
/// check's result depends on the text alone (not the question or the evidence): scanning each quote again
/// cost more allocation than the rest of the request's guardian work. Bounded: over
/// <see cref="MaxEntries"/> it starts again empty, and quotes over <see cref="MaxQuoteLength"/> characters
/// are not kept. One memo lives per pipeline, so a configuration change (a new allow-list or mode) starts
/// from nothing.
/// </summary>
internal sealed class QuoteCheckMemo
{
    internal const int MaxEntries = 2048;
    internal const int MaxQuoteLength = 4096;

    private readonly ConcurrentDictionary<string, string> _shown = new(StringComparer.Ordinal);

    internal int Count => _shown.Count;

    /// <summary>The text shown for <paramref name="quote"/> after the check, when it was seen before.</summary>
    public bool TryGet(string quote, out string shown) => _shown.TryGetValue(quote, out shown!);

    /// <summary>Keeps what the check left of <paramref name="quote"/> (its rewrite, the quote itself, or the withheld notice).</summary>
    public void Remember(string quote, string shown)
    {
        if (quote.Length > MaxQuoteLength)
        {
            return;
        }

        if (_shown.Count >= MaxEntries)
        {
            _shown.Clear();
        }

        _shown.TryAdd(quote, shown);
    }
}
