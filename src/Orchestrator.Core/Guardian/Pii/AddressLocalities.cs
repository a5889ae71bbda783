namespace Orchestrator.Guardian.Pii;

/// <summary>
/// "266 Moreira Rua, Leonardo do Sul", "9275 Nara Pine, 88070 Mártonberg", "Karoliinapenger 41\n09176 Lahti":
/// a capitalised run right after an address, past a comma or a line break and an optional postcode,
/// is the address's town, not a person. Linear: each address looks at a bounded window after it.
/// </summary>
internal static class AddressLocalities
{
    private const int MaxGap = 16;

    public static void DropPersons(string text, List<PiiSpan> found)
    {
        var localityStarts = new HashSet<int>();
        foreach (var address in found)
        {
            if (address.Type == PiiType.StreetAddress && LocalityStart(text, address) is var start and >= 0)
            {
                localityStarts.Add(start);
            }
        }

        if (localityStarts.Count > 0)
        {
            found.RemoveAll(p => p.Type == PiiType.Person && localityStarts.Contains(p.Start));
        }
    }

    /// <summary>Where the word after the address's separator and postcode starts, or -1 when none follows within <see cref="MaxGap"/> characters.</summary>
    private static int LocalityStart(string text, PiiSpan address)
    {
        var end = address.Start + address.Length;
        // A comma says the town follows; a line break only with a postcode before the word (the next
        // line of a letter may name the next person: "221 Baker Street\nJohn Watson").
        var i = end;
        var comma = false;
        var postcode = char.IsAsciiDigit(text[end - 1]) && text.AsSpan(address.Start, address.Length).Contains(','); // "…, 88070 Mártonberg"
        while (i < text.Length && i - end < MaxGap && (text[i] is ',' or '\n' or '\r' or ' ' or '-' || char.IsAsciiDigit(text[i])))
        {
            comma |= text[i] == ',';
            postcode |= char.IsAsciiDigit(text[i]);
            i++;
        }

        return (comma || postcode) && i > end && i < text.Length && i - end < MaxGap && char.IsLetter(text[i]) ? i : -1;
    }
}
