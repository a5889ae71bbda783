using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Escalation;

/// <summary>
/// Remembers, per tenant, the answers this process gave that may later be sent to the cloud as
/// conversation history: cloud answers, and local answers of agents that may escalate and called no
/// tool. History arrives from the client as plain OpenAI-style messages, so an assistant turn is
/// sent to the cloud only when its text matches such an answer (SHA-256 of the whitespace-normalised
/// text, keyed by tenant). Everything else (answers of never_escalate agents, answers built from tool
/// results, answers this process does not know, e.g. from before a restart or from another replica,
/// and assistant turns the client made up) is withheld: the check fails closed, and a client cannot
/// forge a match without the text of an answer we judged cloud-safe. Bounded in entries and age.
/// </summary>
internal sealed class CloudSafeAnswers
{
    /// <summary>How long an answer is remembered.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>How many answers are remembered in all; the oldest go first.</summary>
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;

    public CloudSafeAnswers(TimeProvider? time = null, TimeSpan? lifetime = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? TimeProvider.System;
        _lifetime = lifetime ?? DefaultLifetime;
        _capacity = capacity;
    }

    public int Count => _expiry.Count;

    /// <summary>Records an answer as cloud-safe for the tenant.</summary>
    public void Remember(string? tenant, string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return;
        }

        var key = Key(tenant, answer);
        if (_expiry.TryAdd(key, _time.GetUtcNow() + _lifetime))
        {
            _order.Enqueue(key);
        }
        else
        {
            _expiry[key] = _time.GetUtcNow() + _lifetime;
        }

        while (_expiry.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            _expiry.TryRemove(oldest, out _);
        }
    }

    /// <summary>True when the text is an answer this process gave the tenant and judged cloud-safe, and it has not expired.</summary>
    public bool IsCloudSafe(string? tenant, string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var key = Key(tenant, answer);
        if (!_expiry.TryGetValue(key, out var expires))
        {
            return false;
        }

        if (expires > _time.GetUtcNow())
        {
            return true;
        }

        _expiry.TryRemove(key, out _);
        return false;
    }

    /// <summary>
    /// SHA-256 (upper-case hex) of the UTF-8 of tenant, U+241F, and the answer with each run of white space
    /// (<see cref="char.IsWhiteSpace(char)"/>) made one space and none at either end. Built in one buffer:
    /// every local answer is remembered, and the split, join, concatenation and byte copies of the whole
    /// answer were a measurable part of a request's allocation (docs/benchmarks.md, perf23).
    /// </summary>
    internal static string Key(string? tenant, string answer)
    {
        tenant ??= "";
        var capacity = tenant.Length + 1 + answer.Length;
        var chars = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            tenant.CopyTo(chars);
            var length = tenant.Length;
            chars[length++] = '\u241F';
            var wordsStarted = false;
            var spacePending = false;
            foreach (var c in answer)
            {
                if (char.IsWhiteSpace(c))
                {
                    spacePending = wordsStarted;
                    continue;
                }

                if (spacePending)
                {
                    chars[length++] = ' ';
                    spacePending = false;
                }

                chars[length++] = c;
                wordsStarted = true;
            }

            return HexSha256(chars.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string HexSha256(ReadOnlySpan<char> text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, count), hash);
            return Convert.ToHexString(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
