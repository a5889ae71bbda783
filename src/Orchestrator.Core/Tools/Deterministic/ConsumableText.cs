using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.Deterministic;

/// <summary>Request text with the spans already used by an extracted argument marked off.</summary>
internal sealed partial class ConsumableText(string text)
{
    private readonly bool[] _used = new bool[text.Length];

    public string Text { get; } = text;

    /// <summary>Matches that lie entirely in text nobody has used yet, in order of appearance.</summary>
    public IEnumerable<Match> Free(Regex pattern) =>
        pattern.Matches(Text).Where(m => m.Length > 0 && !_used.AsSpan(m.Index, m.Length).Contains(true));

    public void Consume(Match match) => _used.AsSpan(match.Index, match.Length).Fill(true);

    /// <summary>What no argument used, with spacing tidied: the free text a summary is made from.</summary>
    public string Remainder()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Text.Length; i++)
        {
            builder.Append(_used[i] ? ' ' : Text[i]);
        }

        var collapsed = Spaces().Replace(builder.ToString(), " ");
        return collapsed.Replace(" ,", ",", StringComparison.Ordinal).Trim(' ', ',', ';', ':', '-', '.');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
