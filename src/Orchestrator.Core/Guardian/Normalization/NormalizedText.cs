namespace Orchestrator.Guardian.Normalization;

/// <summary>
/// Text as the guardian's checks inspect it: NFKC-folded, hidden characters removed, capped in
/// length, with base64-looking runs decoded and appended so their content is inspected too.
/// </summary>
/// <param name="Text">The text to inspect.</param>
/// <param name="Truncated">The input was longer than the inspected cap; the middle was left out.</param>
/// <param name="HiddenCharacters">How many zero-width, bidi or other invisible characters were removed.</param>
/// <param name="DecodedRuns">How many base64-looking runs decoded to readable text (appended to <see cref="Text"/>).</param>
public sealed record NormalizedText(string Text, bool Truncated, int HiddenCharacters, int DecodedRuns);
