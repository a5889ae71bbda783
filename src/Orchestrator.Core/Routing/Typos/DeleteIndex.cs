namespace Orchestrator.Routing.Typos;

/// <summary>
/// Finds the words within one edit of a token without comparing it to every word (the
/// "symmetric delete" idea): each word is filed under itself and under each of its one-letter
/// deletions, so a lookup of the token and of its own deletions finds every insertion, deletion,
/// substitution and adjacent swap. Hits are verified with <see cref="EditDistance"/>.
/// </summary>
internal sealed class DeleteIndex
{
    private readonly Dictionary<string, string[]> _map;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DeleteIndex(IEnumerable<string> words)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            File(map, word, word);
            for (var i = 0; i < word.Length; i++)
            {
                File(map, string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)), word);
            }
        }

        _map = map.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Adds every word within one edit of <paramref name="token"/> (other than the token itself) to <paramref name="into"/>.</summary>
    public void Near(ReadOnlySpan<char> token, List<string> into)
    {
        Collect(token, token, into);
        Span<char> buffer = stackalloc char[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            token[..i].CopyTo(buffer);
            token[(i + 1)..].CopyTo(buffer[i..]);
            Collect(buffer[..(token.Length - 1)], token, into);
        }
    }

    private void Collect(ReadOnlySpan<char> key, ReadOnlySpan<char> token, List<string> into)
    {
        if (!_lookup.TryGetValue(key, out var words))
        {
            return;
        }

        foreach (var word in words)
        {
            if (!token.SequenceEqual(word) && !into.Contains(word) && EditDistance.Bounded(token, word, 1) <= 1)
            {
                into.Add(word);
            }
        }
    }

    private static void File(Dictionary<string, List<string>> map, string key, string word)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        if (!list.Contains(word))
        {
            list.Add(word);
        }
    }
}
