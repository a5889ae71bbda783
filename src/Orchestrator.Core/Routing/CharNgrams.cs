using System.Buffers;

namespace Orchestrator.Routing;

/// <summary>
/// Hashed character n-gram features of a text, the second input of the router's head beside the
/// sentence embedding. Each lower-cased word of letters and digits, framed as "&lt;word&gt;",
/// contributes its 3- to 5-grams and itself (and, when asked, its pair with the word before); the counts are dampened (1 + ln tf), hashed into a
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

    /// <summary>The most features one framed word gives: itself, its 3-, 4- and 5-grams, and its bigram with the word before.</summary>
    private const int MaxGramsPerWord = 2 + (MaxWordLength + 2 - MinN + 1) + (MaxWordLength + 2 - 4 + 1) + (MaxWordLength + 2 - MaxN + 1);

    /// <summary>Salt of a word bigram's hash, apart from the n-gram lengths (0, 3, 4, 5).</summary>
    private const uint BigramSalt = 0x9E3779B9;

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    public static SparseFeatures Extract(string? text, int buckets) => Extract(text, buckets, wordBigrams: false);

    /// <param name="wordBigrams">Also hash each pair of adjacent words ("top up" is one feature, apart from "top" and "up").</param>
    public static SparseFeatures Extract(string? text, int buckets, bool wordBigrams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (string.IsNullOrEmpty(text))
        {
            return SparseFeatures.Empty;
        }

        // Every n-gram's bucket goes into one pooled buffer, which is then sorted and counted in
        // runs: no dictionary, no LINQ, and the only allocations are the two result arrays.
        var buffer = ArrayPool<int>.Shared.Rent(256);
        try
        {
            var grams = 0;
            Span<char> framed = stackalloc char[MaxWordLength + 2];
            var words = 0;
            var i = 0;
            var previousWord = 0u;
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
                if (buffer.Length - grams < MaxGramsPerWord)
                {
                    buffer = Grow(buffer, grams);
                }

                var wordHash = Hash(word, 0);
                buffer[grams++] = Bucket(wordHash, buckets);
                if (wordBigrams && words > 1)
                {
                    buffer[grams++] = Bucket(((previousWord ^ BigramSalt) * FnvPrime) ^ wordHash, buckets);
                }

                previousWord = wordHash;
                for (var n = MinN; n <= MaxN && n < word.Length; n++)
                {
                    for (var start = 0; start + n <= word.Length; start++)
                    {
                        buffer[grams++] = Bucket(Hash(word.Slice(start, n), n), buckets);
                    }
                }
            }

            return grams == 0 ? SparseFeatures.Empty : Count(buffer.AsSpan(0, grams));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>Sorted unique buckets with dampened counts (1 + ln tf), scaled to unit length.</summary>
    private static SparseFeatures Count(Span<int> grams)
    {
        grams.Sort();
        var unique = 1;
        for (var k = 1; k < grams.Length; k++)
        {
            unique += grams[k] != grams[k - 1] ? 1 : 0;
        }

        var indices = new int[unique];
        var values = new float[unique];
        var slot = 0;
        var run = 1;
        for (var k = 1; k <= grams.Length; k++)
        {
            if (k < grams.Length && grams[k] == grams[k - 1])
            {
                run++;
                continue;
            }

            indices[slot] = grams[k - 1];
            values[slot++] = 1f + MathF.Log(run);
            run = 1;
        }

        var norm = 0f;
        for (var k = 0; k < values.Length; k++)
        {
            norm += values[k] * values[k];
        }

        norm = MathF.Sqrt(norm);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] /= norm;
        }

        return new SparseFeatures(indices, values);
    }

    private static int[] Grow(int[] buffer, int used)
    {
        var larger = ArrayPool<int>.Shared.Rent(Math.Max(2 * buffer.Length, used + MaxGramsPerWord));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<int>.Shared.Return(buffer);
        return larger;
    }

    private static int Bucket(uint hash, int buckets) => (int)(hash % (uint)buckets);

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
