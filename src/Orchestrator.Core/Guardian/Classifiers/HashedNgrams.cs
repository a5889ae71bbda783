using System.Runtime.InteropServices;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Character 3–5-grams and word 1–2-grams hashed into a fixed number of buckets (signed hashing,
/// sub-linear counts, unit length). Character n-grams generalise across wording and survive the
/// spelling tricks that word lists miss; the hash is FNV-1a so a model file means the same in
/// every process (string.GetHashCode is randomised per process).
/// </summary>
internal static class HashedNgrams
{
    internal const uint CharSeed = 2166136261;
    internal const uint WordSeed = 0x9747b28c;

    public static (int[] Index, float[] Value) Extract(string lowered, int bits)
    {
        var mask = (1 << bits) - 1;
        var counts = new Dictionary<int, float>(Math.Min(lowered.Length * 3, 1 << bits));
        var span = lowered.AsSpan();
        for (var n = 3; n <= 5; n++)
        {
            for (var i = 0; i + n <= span.Length; i++)
            {
                Add(counts, Hash(span.Slice(i, n), CharSeed + (uint)n), mask);
            }
        }

        var words = Words(lowered);
        for (var i = 0; i < words.Count; i++)
        {
            Add(counts, Hash(words[i].AsSpan(), WordSeed), mask);
            if (i + 1 < words.Count)
            {
                Add(counts, Hash(words[i].AsSpan(), WordSeed + 1) ^ Hash(words[i + 1].AsSpan(), WordSeed + 2), mask);
            }
        }

        var index = new int[counts.Count];
        var value = new float[counts.Count];
        var k = 0;
        double norm = 0;
        foreach (var (bucket, count) in counts.OrderBy(kv => kv.Key))
        {
            var v = MathF.Sign(count) * (1 + MathF.Log(MathF.Abs(count) + 1e-6f));
            if (MathF.Abs(count) < 0.5f)
            {
                v = 0;
            }

            index[k] = bucket;
            value[k] = v;
            norm += v * v;
            k++;
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < value.Length; i++)
            {
                value[i] *= scale;
            }
        }

        return (index, value);
    }

    private static void Add(Dictionary<int, float> counts, uint hash, int mask)
    {
        var bucket = (int)(hash & (uint)mask);
        var sign = (hash & 0x80000000u) == 0 ? 1f : -1f;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, bucket, out _);
        slot += sign;
    }

    internal static uint Hash(ReadOnlySpan<char> text, uint seed)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        // Final avalanche so that nearby inputs spread over the sign bit too.
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6d;
        hash ^= hash >> 12;
        return hash;
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
