namespace Orchestrator.Routing;

/// <summary>
/// Hashed character n-gram features of a text, the second input of the router's head beside the
/// sentence embedding. Each lower-cased word of letters and digits, framed as "&lt;word&gt;",
/// contributes its 3- to 5-grams and itself; the counts are dampened (1 + ln tf), hashed into a
/// fixed number of buckets with a stable hash (FNV-1a, the same in every process, unlike
/// <see cref="string.GetHashCode()"/>), and scaled to unit length like the embedding.
/// <para>
/// Why: the embedding blurs the surface words that decide between near-duplicate routes
/// ("top up" vs "top-up failed", "card arrival" vs "card delivery estimate"), and a misspelt word
/// still shares most of its n-grams with the right one.
/// </para>
/// </summary>
internal static class CharNgrams
{
    private const int MinN = 3;
    private const int MaxN = 5;

    /// <summary>Words longer than this are cut: a 10,000-letter "word" must not cost 30,000 hashes.</summary>
    private const int MaxWordLength = 32;

    /// <summary>At most this many words of a text are read, so a huge request costs a bounded amount.</summary>
    private const int MaxWords = 256;

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    public static SparseFeatures Extract(string? text, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (string.IsNullOrEmpty(text))
        {
            return SparseFeatures.Empty;
        }

        var counts = new Dictionary<int, float>();
        Span<char> framed = stackalloc char[MaxWordLength + 2];
        var words = 0;
        var i = 0;
        while (i < text.Length && words < MaxWords)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var length = 0;
            framed[0] = '<';
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (length < MaxWordLength)
                {
                    framed[1 + length++] = char.ToLowerInvariant(text[i]);
                }

                i++;
            }

            if (length == 0)
            {
                continue;
            }

            words++;
            framed[1 + length] = '>';
            var word = framed[..(length + 2)];
            Add(counts, Hash(word, 0), buckets);
            for (var n = MinN; n <= MaxN && n < word.Length; n++)
            {
                for (var start = 0; start + n <= word.Length; start++)
                {
                    Add(counts, Hash(word.Slice(start, n), n), buckets);
                }
            }
        }

        if (counts.Count == 0)
        {
            return SparseFeatures.Empty;
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new float[indices.Length];
        var norm = 0f;
        for (var k = 0; k < indices.Length; k++)
        {
            values[k] = 1f + MathF.Log(counts[indices[k]]);
            norm += values[k] * values[k];
        }

        norm = MathF.Sqrt(norm);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] /= norm;
        }

        return new SparseFeatures(indices, values);
    }

    private static void Add(Dictionary<int, float> counts, uint hash, int buckets)
    {
        var bucket = (int)(hash % (uint)buckets);
        counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
    }

    /// <summary>FNV-1a of the characters, salted by the n-gram length so "abc" as a word and as a 3-gram differ.</summary>
    private static uint Hash(ReadOnlySpan<char> gram, int salt)
    {
        var h = FnvOffset ^ (uint)salt;
        foreach (var c in gram)
        {
            h = (h ^ (c & 0xFFu)) * FnvPrime;
            h = (h ^ ((uint)c >> 8)) * FnvPrime;
        }

        return h;
    }
}
