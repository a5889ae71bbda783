using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Replaces detected PII with numbered placeholders such as &lt;EMAIL_1&gt; or &lt;CREDIT_CARD_2&gt;.
/// The same value always gets the same placeholder, so a model reading the redacted text can still
/// tell that two mentions are the same person; <see cref="PiiRedaction.Restore"/> puts the values back
/// into a reply (e.g. from a cloud model that only ever saw the placeholders).
/// </summary>
public sealed partial class PiiRedactor
{
    private readonly PiiDetector _detector;

    public PiiRedactor(PiiDetector? detector = null) => _detector = detector ?? new PiiDetector();

    public PiiRedaction Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = _detector.Detect(text);
        var placeholderByValue = new Dictionary<(PiiType, string), string>();
        var countByType = new Dictionary<PiiType, int>();
        var taken = TakenNumbers(text);
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            if (!placeholderByValue.TryGetValue((span.Type, span.Value), out var placeholder))
            {
                var n = (countByType.TryGetValue(span.Type, out var last) ? last : taken.GetValueOrDefault(span.Type.ToPlaceholderName())) + 1;
                countByType[span.Type] = n;
                placeholder = $"<{span.Type.ToPlaceholderName()}_{n}>";
                placeholderByValue[(span.Type, span.Value)] = placeholder;
            }

            builder.Append(text, position, span.Start - position).Append(placeholder);
            position = span.End;
        }

        builder.Append(text, position, text.Length - position);
        var mapping = placeholderByValue.ToDictionary(kv => kv.Value, kv => kv.Key.Item2, StringComparer.Ordinal);
        return new PiiRedaction(builder.ToString(), mapping, spans);
    }

    /// <summary>
    /// The highest number each placeholder name already has in <paramref name="text"/>: a text redacted
    /// before (the input rail's <c>pii: redact</c>) keeps its &lt;EMAIL_1&gt;, and a new value must not be
    /// numbered the same, or a reader takes two people for one and restoring puts the wrong value back.
    /// </summary>
    private static Dictionary<string, int> TakenNumbers(string text)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return taken;
        }

        foreach (Match match in Placeholder().Matches(text))
        {
            var value = match.Value.AsSpan(1, match.Length - 2);
            var cut = value.LastIndexOf('_');
            if (int.TryParse(value[(cut + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1_000_000)
            {
                var name = value[..cut].ToString();
                taken[name] = Math.Max(taken.GetValueOrDefault(name), n);
            }
        }

        return taken;
    }

    /// <summary>Replaces every known placeholder in <paramref name="text"/> by its original value; unknown ones stay.</summary>
    public static string Restore(string text, IReadOnlyDictionary<string, string> mapping)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mapping);
        return Placeholder().Replace(text, m => mapping.TryGetValue(m.Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"<[A-Z_]+_[0-9]+>", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>A redacted text, the placeholder-to-value mapping that reverses it, and the spans found in the original.</summary>
public sealed record PiiRedaction(string Text, IReadOnlyDictionary<string, string> Mapping, IReadOnlyList<PiiSpan> Spans)
{
    public bool HasPii => Spans.Count > 0;

    public string Restore(string text) => PiiRedactor.Restore(text, Mapping);

    /// <summary>How many spans of each type were redacted (mentions, not distinct values).</summary>
    public IReadOnlyDictionary<PiiType, int> CountsByType() =>
        Spans.GroupBy(s => s.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}
