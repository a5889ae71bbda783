using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Caching;

/// <summary>
/// The asker's own words in a stored response (the route's spelling correction and the retrieval
/// query) are sealed with AES-GCM under a key derived from the question itself, so a shared store
/// (Redis) holds no question text in clear: only a request with the same question can read them back
/// on an exact hit. A near-duplicate hit never reads them (that request's own words take their place).
/// The key is a hash distinct from the exact key, which the store keeps in clear.
/// </summary>
internal static class CacheEcho
{
    private const string Prefix = "sealed:v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static string? Seal(string? text, byte[] key)
    {
        if (text is null)
        {
            return null;
        }

        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The sealed text, or null when <paramref name="value"/> is absent, not sealed, or sealed under another key.</summary>
    public static string? Open(string? value, byte[] key)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(value[Prefix.Length..]);
            if (sealedBytes.Length < NonceBytes + TagBytes)
            {
                return null;
            }

            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
