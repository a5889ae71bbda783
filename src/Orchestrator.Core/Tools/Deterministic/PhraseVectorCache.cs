namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// A bounded, least-recently-used map from a request phrase (tool grounding's three-word windows)
/// to its unit vector, shared by the concurrent requests one <see cref="ToolSelector"/> serves.
/// Tool requests are formulaic ("what is my", "my leave balance"), so the same phrases recur across
/// different requests; a hit saves a model call and returns the very vector a miss would compute.
/// Only vectors that were fully embedded are added, so a cancelled or failed embedding leaves
/// nothing behind. One lock guards both structures: the work under it is a dictionary look-up and
/// a list splice, far shorter than the embedding a miss costs.
/// </summary>
internal sealed class PhraseVectorCache
{
    /// <summary>Phrases longer than this are embedded but not kept: a hostile request of huge "words" must not fill memory with keys.</summary>
    public const int MaxKeyLength = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _recency = new();

    public PhraseVectorCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The key a phrase is stored under. The embedder's tokenizer is uncased, so two phrases that
    /// differ only in ASCII letter case get identical token ids and identical vectors; they share
    /// an entry. Non-ASCII text is kept as it is, since other case mappings need not agree with the
    /// tokenizer's. Null when the phrase must not be cached.
    /// </summary>
    public static string? KeyOf(string phrase)
    {
        if (string.IsNullOrEmpty(phrase) || phrase.Length > MaxKeyLength)
        {
            return null;
        }

        return System.Text.Ascii.IsValid(phrase) ? phrase.ToLowerInvariant() : phrase;
    }

    public bool TryGet(string phrase, out float[] vector)
    {
        vector = [];
        if (Capacity == 0 || KeyOf(phrase) is not { } key)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            vector = node.Value.Vector;
            return true;
        }
    }

    /// <summary>Keeps the phrase's vector, evicting the least recently used entry when full.</summary>
    public void Add(string phrase, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (Capacity == 0 || KeyOf(phrase) is not { } key)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return;
            }

            if (_entries.Count >= Capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst((key, vector));
        }
    }
}
