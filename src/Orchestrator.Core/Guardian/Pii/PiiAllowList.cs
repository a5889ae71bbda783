using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Values the organisation publishes on purpose (a service desk e-mail, a switchboard number) that
/// the PII check leaves alone. Entries are exact values or simple globs where <c>*</c> matches any
/// run of characters, compared case-insensitively, e.g. <c>*@northwind.example</c> or
/// <c>+31 20 555 01*</c>. Everything not listed is still redacted.
/// </summary>
public sealed class PiiAllowList
{
    public static readonly PiiAllowList Empty = new([]);

    private readonly Regex? _pattern;

    public PiiAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parts = entries
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(e => "^" + string.Join(".*", e.Trim().Split('*').Select(Regex.Escape)) + "$")
            .ToList();

        // NonBacktracking keeps matching linear whatever globs a configuration holds.
        _pattern = parts.Count == 0 ? null : new Regex(string.Join('|', parts), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public bool IsEmpty => _pattern is null;

    public bool Allows(string value) => _pattern is not null && _pattern.IsMatch(value.Trim());
}
