using System.Text.RegularExpressions;
using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// A few structure signals that hold across sources, where the wording of a source would not: an
/// instruction addressed to the model inside a document (a table, an e-mail, code), attempts to
/// override earlier instructions or to change the model's role, chat-template tokens, optimised
/// gibberish suffixes, and the normalisation's own findings (hidden characters, base64). Each value
/// is scaled to about 0..1 so the logistic head can weigh them against the encoder's vector.
/// </summary>
internal static partial class StructureCues
{
    public const int Count = 14;

    /// <summary>Position among the cues of the one for a document-like text (a table, an e-mail, code, or 8+ lines).</summary>
    private const int DocumentShapeCue = 2;

    /// <summary>Position among the cues of the one for a line addressed to the model inside a document.</summary>
    private const int DocumentInstructionCue = 7;

    /// <summary>Whether a dense feature block (encoder vector, then the cues) has the document-instruction cue set.</summary>
    public static bool HasDocumentInstruction(float[] dense) => dense.Length >= Count && dense[dense.Length - Count + DocumentInstructionCue] > 0;

    /// <summary>Whether a cue block as <see cref="Compute"/> returns it describes a document-like text without a line the document rule already trusts.</summary>
    public static bool IsDocumentWithoutAddressedLine(float[] cues) => cues.Length == Count && cues[DocumentShapeCue] > 0 && cues[DocumentInstructionCue] == 0;

    public static float[] Compute(NormalizedText normalized, string lowered)
    {
        var lines = lowered.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tokens = lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tokenCount = Math.Max(1, tokens.Length);
        var documentLike = DocumentLike(lowered, lines);
        // The user's own request around a pasted document is addressed to the model by right; only the document's lines count.
        var addressedLines = CountAddressed(documentLike ? DocumentFraming.Body(lines) : lines);
        var gibberish = tokens.Count(t => t.Count(c => !char.IsLetterOrDigit(c)) >= 3) / (float)tokenCount;
        var secondPerson = tokens.Count(t => t is "you" or "your" or "you're" or "yourself") / (float)tokenCount;
        return
        [
            (float)Math.Log(1 + lowered.Length) / 10f,
            Math.Min(1f, lines.Length / 40f),
            documentLike ? 1f : 0f,
            Saturate(Override().Count(lowered)),
            Saturate(Persona().Count(lowered)),
            Saturate(Unrestricted().Count(lowered)),
            Saturate(TemplateTokens().Count(lowered)),
            documentLike ? Saturate(addressedLines) : 0f,
            Saturate(OutputDirective().Count(lowered)),
            Math.Min(1f, gibberish * 5f),
            Math.Min(1f, secondPerson * 10f),
            normalized.HiddenCharacters > 0 ? 1f : 0f,
            normalized.DecodedRuns > 0 ? 1f : 0f,
            lowered.Contains('?', StringComparison.Ordinal) ? 1f : 0f,
        ];
    }

    private static int CountAddressed(ReadOnlySpan<string> lines)
    {
        var count = 0;
        foreach (var line in lines)
        {
            // "print(df)" in a pasted snippet is a call, not a line that tells the model to print; a call that
            // speaks of the model's answer or its user ("say('… in your response')") still counts.
            count += AddressedToModel().IsMatch(line) && (!CodeCall().IsMatch(line) || SpeaksOfTheModel().IsMatch(line)) ? 1 : 0;
        }

        return count;
    }

    private static float Saturate(int count) => count == 0 ? 0f : Math.Min(1f, 0.5f + (0.25f * (count - 1)));

    private static bool DocumentLike(string lowered, string[] lines) =>
        lines.Length >= 4 && (
            lines.Count(l => l.StartsWith('|') || l.Count(c => c == '|') >= 2) >= 2
            || EmailHeader().IsMatch(lowered)
            || lowered.Contains("```", StringComparison.Ordinal)
            || lines.Count(l => l.EndsWith(';') || l.EndsWith('{') || l.EndsWith('}') || l.StartsWith('#')) >= 3
            || lines.Length >= 8);

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(previous|prior|above|earlier|preceding|all|any|your|the)\b[^.\n]{0,30}\b(instructions?|rules?|prompts?|directions?|guidelines?|context|messages?|restrictions?)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Override();

    [GeneratedRegex(@"\b(you are (now|going to|no longer|free)|from now on|act as|pretend (to be|you)|role-?play|stay in character|developer mode|jailbr(ea|o)k|\bdan\b|do anything now|opposite mode|evil|unfiltered|amoral)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Persona();

    [GeneratedRegex(@"\b(no (restrictions|limits|filters|rules|ethics|morals|censorship)|without (any )?(restrictions|limits|filters|censorship|warnings)|(ethical|moral|content) (guidelines|policy|policies|filters?)|openai('s)? (policy|policies|guidelines)|never refuse|not (allowed|able) to refuse|can't refuse)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Unrestricted();

    [GeneratedRegex(@"(<\|[a-z_]+\|>|\[/?(system|inst|user|assistant)\]|^\s*(system|assistant|user)\s*:|###\s*(instruction|system|response)|<\s*/?\s*(system|instructions?)\s*>)", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex TemplateTokens();

    [GeneratedRegex(@"^(please\s+)?(ignore|write|reply|respond|answer|tell|send|include|add|insert|append|output|print|translate|encode|summari[sz]e|recommend|mention|say|use|provide|change|replace|visit|click|go to|run|execute|download|what|how|who|when|where|why|can you|could you|you (must|should|will|need))\b|\b(the|this) (user|reader|assistant|ai|model|chatbot)\b|\byour (answer|reply|response|output)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AddressedToModel();

    /// <summary>The part of <see cref="AddressedToModel"/> that names the model's answer or its user wherever it stands in a line.</summary>
    [GeneratedRegex(@"\b(the|this) (user|reader|assistant|ai|model|chatbot)\b|\byour (answer|reply|response|output)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SpeaksOfTheModel();

    /// <summary>A whole line that is one function call ("print(df)", "print (tensor1)", "print(x);"), as pasted code holds.</summary>
    [GeneratedRegex(@"^[a-z_][a-z0-9_.]*\s?\(.*\)\s*;?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CodeCall();

    [GeneratedRegex(@"\b(respond|reply|answer|output|print|write|start|begin|end)\b[^.\n]{0,30}\b(only|exactly|with|in (base64|json|caesar|reverse|morse|leetspeak|pig latin|all caps))\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex OutputDirective();

    [GeneratedRegex(@"^\s*(from|to|subject|date|cc)\s*:", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex EmailHeader();
}
