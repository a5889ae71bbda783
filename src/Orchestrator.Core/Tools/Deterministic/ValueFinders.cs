using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.Deterministic;

/// <summary>The pattern for each kind of parameter value, and its conversion to a JSON value.</summary>
internal static partial class ValueFinders
{
    // The patterns built here are escaped literals around a fixed number pattern, linear in the text;
    // their timeout only bounds a pathological case. 200 ms was reached by a 130 kB request on a
    // 2-core machine under full load, so they get a second.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // A schema's own "pattern" comes from the tool's declaration (an MCP server's, say) and may
    // backtrack catastrophically on the caller's text: it gets less time, and a timeout means no value.
    private static readonly TimeSpan SchemaPatternTimeout = TimeSpan.FromMilliseconds(200);

    // Day-first for numeric dates: the sample deployment is European; ISO dates are unambiguous anyway.
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "d MMMM yyyy", "d MMM yyyy",
        "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMM d yyyy", "d MMMM, yyyy",
    ];

    public static JsonNode? Find(ParameterSlot slot, ConsumableText text, ToolDescriptor tool) => slot.Kind switch
    {
        SlotKind.Email => Take(text, Email(), m => JsonValue.Create(m.Value)),
        SlotKind.Identifier => Take(text, SchemaPattern(slot) ?? Identifier(), m => JsonValue.Create(m.Value)),
        SlotKind.Date => Take(text, Date(), m => ParseDate(m.Value) is { } iso ? JsonValue.Create(iso) : null),
        SlotKind.Expression => FindExpression(text),
        SlotKind.Enum => FindEnum(slot, text, tool),
        SlotKind.QuotedString => Take(text, Quoted(), m => JsonValue.Create(FirstGroup(m)))
            ?? (slot.Required ? Take(text, ProperNoun(), m => JsonValue.Create(m.Groups["v"].Value.TrimEnd(',', ';'))) : null),
        SlotKind.NumberList => FindNumberList(slot, text),
        SlotKind.Number => FindNumber(slot, text),
        SlotKind.FreeText => text.Remainder() is { Length: > 0 } rest ? JsonValue.Create(AfterInstruction(rest)) : null,
        _ => null,
    };

    /// <summary>
    /// "Open a ticket for me: Outlook won't start" - the text after a colon is the content when the
    /// part before it is a short instruction and the part after has a few words.
    /// </summary>
    private static string AfterInstruction(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return text;
        }

        var (before, after) = (text[..colon], text[(colon + 1)..].Trim());
        return before.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8 && after.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 ? after : text;
    }

    private static JsonNode? Take(ConsumableText text, Regex pattern, Func<Match, JsonNode?> convert)
    {
        try
        {
            foreach (var match in text.Free(pattern))
            {
                if (convert(match) is { } value)
                {
                    text.Consume(match);
                    return value;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Out of time on this text: the value is not found, and a required one is asked for.
        }

        return null;
    }

    private static Regex? SchemaPattern(ParameterSlot slot)
    {
        if (!slot.Schema.TryGetProperty("pattern", out var p) || p.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Schema patterns are anchored for validation; unanchored they find the value inside a sentence.
        var body = p.GetString()!.TrimStart('^').TrimEnd('$');
        try
        {
            return ValuePatternCache.Get($@"(?<![\w-])(?:{body})(?![\w-])", RegexOptions.None, SchemaPatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? ParseDate(string value) =>
        DateTime.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    private static JsonNode? FindExpression(ConsumableText text)
    {
        // "15% of 240" and "1250 divided by 8" are arithmetic in words; they are read first so the
        // symbol pass below does not take "15%" as a modulo with a missing operand.
        if (Take(text, PercentOf(), m => JsonValue.Create($"{m.Groups["p"].Value} / 100 * {m.Groups["of"].Value}")) is { } percent)
        {
            return percent;
        }

        if (Take(text, WordArithmetic(), m => JsonValue.Create(Symbols(m.Value))) is { } worded)
        {
            return worded;
        }

        // The longest run of arithmetic characters that holds an operator between two operands.
        var best = text.Free(Arithmetic()).Where(m => Operator().IsMatch(m.Value)).OrderByDescending(m => m.Length).FirstOrDefault();
        if (best is null)
        {
            return null;
        }

        text.Consume(best);
        return JsonValue.Create(best.Value.Trim());
    }

    private static string Symbols(string worded) => WordOperator().Replace(worded, m => m.Value.Trim().ToLowerInvariant() switch
    {
        "plus" => " + ",
        "minus" => " - ",
        "times" or "x" or "×" => " * ",
        "÷" or "over" => " / ",
        var word when word.StartsWith("multiplied", StringComparison.Ordinal) => " * ",
        _ => " / ", // divided by
    }).Trim();

    private const string Operand = @"\d+(?:\.\d+)?";

    [GeneratedRegex($@"(?<![\w.])(?<p>{Operand})\s*(?:%|percent|per\s+cent)\s+of\s+(?<of>{Operand})(?!\w|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentOf();

    [GeneratedRegex($@"(?<![\w.]){Operand}(?:\s+(?:plus|minus|times|x|×|÷|over|multiplied\s+by|divided\s+by)\s+{Operand})+(?!\w|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex WordArithmetic();

    [GeneratedRegex(@"\s+(?:plus|minus|times|x|×|÷|over|multiplied\s+by|divided\s+by)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex WordOperator();

    private static JsonNode? FindEnum(ParameterSlot slot, ConsumableText text, ToolDescriptor tool)
    {
        var values = slot.Schema.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var terms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (tool.EnumSynonyms.TryGetValue(slot.Name, out var synonyms))
        {
            foreach (var (word, value) in synonyms.Where(s => values.Contains(s.Value, StringComparer.Ordinal)))
            {
                terms[word] = value;
            }
        }

        foreach (var value in values.Where(v => v.Length > 0))
        {
            terms[value] = value;
            terms.TryAdd(value.Replace('_', ' '), value);
        }

        var alternation = string.Join("|", terms.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        var pattern = ValuePatternCache.Get($@"(?<![\w-])(?:{alternation})(?![\w-])", RegexOptions.IgnoreCase, Timeout);
        return Take(text, pattern, m => JsonValue.Create(terms[m.Value]));
    }

    private static JsonNode? FindNumber(ParameterSlot slot, ConsumableText text)
    {
        var integer = slot.Type == "integer";

        // A number named in the text ("base of 10", "a=2", "height: 5") belongs to that parameter
        // whatever its position; otherwise numbers go to numeric parameters in order of appearance,
        // skipping a number whose unit clashes with what the parameter measures (Quantities).
        var cue = ValuePatternCache.Get(NamedNumberCue(slot.Name), RegexOptions.IgnoreCase, Timeout);
        var named = Take(text, cue, m => NumberFor(slot, text.Text, m.Groups["v"], integer));
        if (named is not null || !slot.Required)
        {
            return named;
        }

        // Read once, not per candidate number: the name and description do not change.
        var wanted = Quantities.Of(slot);
        return Take(text, Number(), m => Quantities.Fits(wanted, text.Text, m) ? NumberFor(slot, text.Text, m, integer) : null);
    }

    /// <summary>
    /// "base of 10", "a=2", "height: 5": the parameter's name, an optional link word or sign, the number in
    /// group <c>v</c>. It was <c>\s*(?:link)?\s*</c>: two adjacent <c>\s*</c> split a run of spaces after
    /// the name in every possible way before failing, quadratic in the run (1 MB of spaces after "base" ran
    /// into the timeout and lost the value after them). Now the spaces follow the link inside its optional
    /// group and are atomic: nothing after them can start with a space, so giving spaces back never makes a
    /// match, and the matches are the same (NamedNumberCueEquivalenceTests) in linear time. The lookarounds
    /// keep the backtracking engine: RegexOptions.NonBacktracking refuses them, and without them a match
    /// would take in its neighbouring characters, which ConsumableText would then mark used (docs/benchmarks.md).
    /// </summary>
    internal static string NamedNumberCue(string parameterName)
    {
        var name = Regex.Escape(ToolSelector.Humanize(parameterName)).Replace("\\ ", "[\\s_-]+", StringComparison.Ordinal);
        return $@"(?<![\w-]){name}(?>\s*)(?:(?:=|:|is|of|equals?|to|as)(?>\s*))?(?:an?(?>\s+))?(?<v>{NumberPattern})";
    }

    private static JsonNode? NumberFor(ParameterSlot slot, string text, Capture number, bool integer)
    {
        if (!Quantities.PercentAsFraction(slot, text, number))
        {
            return ParseNumber(number.Value, integer);
        }

        var fraction = double.TryParse(number.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent / 100 : double.NaN;
        return !double.IsFinite(fraction) ? null
            : integer ? (Math.Floor(fraction) == fraction ? JsonValue.Create((long)fraction) : null)
            : JsonValue.Create(fraction);
    }

    private static JsonNode? ParseNumber(string token, bool integer)
    {
        var digits = token.Replace(",", "", StringComparison.Ordinal);
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return null;
        }

        var whole = Math.Floor(number) == number && Math.Abs(number) < long.MaxValue;
        if (integer)
        {
            return whole ? JsonValue.Create((long)number) : null;
        }

        return whole && !digits.Contains('.', StringComparison.Ordinal) && !digits.Contains('e', StringComparison.OrdinalIgnoreCase)
            ? JsonValue.Create((long)number)
            : JsonValue.Create(number);
    }

    private static JsonNode? FindNumberList(ParameterSlot slot, ConsumableText text)
    {
        var integer = slot.Schema.TryGetProperty("items", out var items) && ToolSchemaValidator.TypeNames(items).Contains("integer");
        return Take(text, BracketList(), m =>
        {
            var values = Number().Matches(m.Value).Select(n => ParseNumber(n.Value, integer)).ToList();
            return values.Count == 0 || values.Contains(null) ? null : new JsonArray([.. values]);
        });
    }

    private static string FirstGroup(Match match) => match.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")]
    private static partial Regex Email();

    // "NW-1004", or an order/ticket number of three or more digits ("order 12345", "#777").
    [GeneratedRegex(@"(?<![\w-])(?:[A-Za-z]{1,6}-\d{2,}|\d{3,})(?![\w-]|[.,]\d)")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{1,2}\s+[A-Za-z]{3,9},?\s+\d{4}|[A-Za-z]{3,9}\s+\d{1,2},?\s+\d{4})\b")]
    private static partial Regex Date();

    // A required name or place without quotes: capitalised words after a preposition ("in Austin",
    // "between New York City and ...").
    [GeneratedRegex(@"\b(?:in|to|at|from|for|of|near|between|and|about|by|on|named|called)\s+(?<v>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")]
    private static partial Regex ProperNoun();

    [GeneratedRegex(@"\[\s*-?\d[^\[\]]*\]")]
    private static partial Regex BracketList();

    [GeneratedRegex(@"[\d(][\d\s.+\-*/%^()]*[\d)]")]
    private static partial Regex Arithmetic();

    [GeneratedRegex(@"[\d)]\s*[+\-*/%^]\s*[\d(\-]")]
    private static partial Regex Operator();

    [GeneratedRegex("\"([^\"]+)\"|“([^”]+)”|(?<![\\w])'([^']+)'(?![\\w])")]
    private static partial Regex Quoted();

    // Digits may carry a unit ("6cm", "298K"); a digit after a letter, '-', '^' or '/' belongs to a
    // word, id or unit exponent ("rs603", "NW-1001", "m/s^2"). Number words are not read: "two
    // charged bodies" is not a value.
    private const string NumberPattern = @"(?<![\w.,^/-])-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE]-?\d+)?(?![\d,]\d|\d|-\d)";

    [GeneratedRegex(NumberPattern, RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
