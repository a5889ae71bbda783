using System.Text.Json.Nodes;

namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// Finds required free-text values (summary, description, ...) that only repeat the request to use the
/// tool: "open a ticket for me" says what to do, not what the ticket is about. Such a value is asked
/// for instead of used. A value is meaningful when it has a content word that is not a function word,
/// not a word of the tool's name and not request boilerplate (open, file, raise, please, ...).
/// </summary>
internal static class InstructionOnlyText
{
    // Stems (first five letters, as LexicalOverlap) of words that ask for an action without describing anything.
    private static readonly HashSet<string> Boilerplate = new(StringComparer.Ordinal)
    {
        "open", "file", "raise", "log", "creat", "submi", "make", "new", "start", "add", "send", "put", "place", "issue", "reque",
        "help", "quick", "thank", "now", "asap", "today", "again", "go", "ahead", "somet", "someo", "hi", "hello", "hey",
        "ok", "okay", "kindl", "pleas", "pls", "plz", "ticke", "case", "repor", "suppo", "regis", "book", "do", "done", "sure",
    };

    public static IReadOnlyList<string> MeaninglessRequired(ToolDescriptor tool, JsonObject arguments)
    {
        var named = LexicalOverlap.Stems(ToolSelector.Humanize(tool.Name));
        var result = new List<string>();
        foreach (var slot in ParameterSlot.Read(tool).Where(s => s.Required && s.Kind == SlotKind.FreeText))
        {
            if (arguments[slot.Name] is JsonValue value && value.TryGetValue<string>(out var text) && !IsMeaningful(text, named, slot.Name))
            {
                result.Add(slot.Name);
            }
        }

        return result;
    }

    private static bool IsMeaningful(string text, IReadOnlySet<string> toolWords, string parameter)
    {
        var parameterWords = LexicalOverlap.Stems(ToolSelector.Humanize(parameter));
        return LexicalOverlap.Stems(text).Any(stem => !toolWords.Contains(stem) && !parameterWords.Contains(stem) && !Boilerplate.Contains(stem));
    }
}
