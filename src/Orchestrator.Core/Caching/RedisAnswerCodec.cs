using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestrator.Caching;

/// <summary>
/// How a cached answer is written to Redis: a JSON body under the answer key, and a compact stream
/// entry (key, vector, expiry) in its scope's stream. Anything that does not decode is a miss.
/// </summary>
internal static class RedisAnswerCodec
{
    /// <summary>Bodies above this are not stored: a retrieval answer is a few KB, so a larger one is a fault, not worth a shared store's memory.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static byte[] EncodeBody(CachedAnswer entry) =>
        JsonSerializer.SerializeToUtf8Bytes(new Body(entry.ExactKey, entry.Scope, entry.ExpiresUtc.ToUnixTimeMilliseconds(), VectorBytes(entry.Vector), entry.Response), OrchestratorJson.Options);

    /// <summary>The entry, or null when <paramref name="body"/> is not one written by <see cref="EncodeBody"/> for <paramref name="exactKey"/>; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static CachedAnswer? DecodeBody(ReadOnlySpan<byte> body, string exactKey)
    {
        var decoded = JsonSerializer.Deserialize<Body>(body, OrchestratorJson.Options);
        if (decoded is not { Key: { } key, Scope: { } scope, Response: { } response } || key != exactKey
            || Vector(decoded.Vector) is not { } vector || decoded.ExpiresMs is <= 0 or > 253_402_300_799_999)
        {
            return null;
        }

        return new CachedAnswer(key, scope, vector, response, DateTimeOffset.FromUnixTimeMilliseconds(decoded.ExpiresMs));
    }

    public static byte[] VectorBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    /// <summary>The floats in <paramref name="bytes"/>, or null when they are not a whole, finite vector.</summary>
    public static float[]? Vector(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0 || bytes.Length % sizeof(float) != 0)
        {
            return null;
        }

        var vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return vector.All(float.IsFinite) ? vector : null;
    }

    private sealed record Body(string? Key, string? Scope, long ExpiresMs, byte[]? Vector, OrchestratorResponse? Response);
}
