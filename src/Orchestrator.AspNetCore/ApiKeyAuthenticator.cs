using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Configuration;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured SHA-256 hashes. Every
/// configured hash is compared in constant time, so neither a match's position nor a near miss
/// shows in the response time. The key itself is never stored or logged.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    // Longer headers are rejected before hashing so a huge header costs nothing.
    private const int MaxKeyLength = 512;
    private const string ItemKey = "orchestrator.api_key";

    private readonly IReadOnlyList<ApiKeyConfig> _keys;

    public ApiKeyAuthenticator(IReadOnlyList<ApiKeyConfig> keys)
    {
        _keys = keys;
    }

    public bool Required => _keys.Count > 0;

    /// <summary>The key that authenticated this request; null when keys are not configured.</summary>
    public static ApiKeyConfig? Caller(HttpContext context) => context.Items.TryGetValue(ItemKey, out var key) ? key as ApiKeyConfig : null;

    /// <summary>Authenticates the request or throws a 401 <see cref="ApiException"/> saying what is missing.</summary>
    public void Authenticate(HttpContext context)
    {
        if (!Required)
        {
            return;
        }

        var presented = BearerToken(context.Request.Headers.Authorization.ToString());
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyConfig? match = null;
        foreach (var key in _keys)
        {
            // No early exit: the loop costs the same whichever key (if any) matches.
            if (CryptographicOperations.FixedTimeEquals(digest, key.Sha256.Span))
            {
                match = key;
            }
        }

        context.Items[ItemKey] = match ?? throw Unauthorized("the API key is not valid; check the key you were given (keys are configured under server.api_keys)");
    }

    private static string BearerToken(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Unauthorized("missing API key; send the header 'Authorization: Bearer <key>'");
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthorized("the Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'");
        }

        var token = header[scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > MaxKeyLength || token.Any(char.IsWhiteSpace))
        {
            throw Unauthorized($"the bearer token is empty, contains spaces or is longer than {MaxKeyLength} characters; send one API key");
        }

        return token;
    }

    private static ApiException Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, message, ApiErrors.InvalidApiKey);
}
