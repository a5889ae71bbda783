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

        if (Match(context, out var problem) is null)
        {
            throw Unauthorized(problem ?? "the API key is not valid");
        }
    }

    /// <summary>
    /// The configured key the request's bearer token matches, remembered on the request like
    /// <see cref="Authenticate"/> does; null with <paramref name="problem"/> saying why otherwise
    /// (a message safe to show: it never quotes the token).
    /// </summary>
    public ApiKeyConfig? Match(HttpContext context, out string? problem)
    {
        var presented = BearerToken(context.Request.Headers.Authorization.ToString(), out problem);
        if (presented is null)
        {
            return null;
        }

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

        if (match is null)
        {
            problem = "the API key is not valid; check the key you were given (keys are configured under server.api_keys)";
            return null;
        }

        context.Items[ItemKey] = match;
        return match;
    }

    private static string? BearerToken(string header, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = "missing API key; send the header 'Authorization: Bearer <key>'";
            return null;
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            problem = "the Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'";
            return null;
        }

        var token = header[scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > MaxKeyLength || token.Any(char.IsWhiteSpace))
        {
            problem = $"the bearer token is empty, contains spaces or is longer than {MaxKeyLength} characters; send one API key";
            return null;
        }

        return token;
    }

    private static ApiException Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, message, ApiErrors.InvalidApiKey);
}
