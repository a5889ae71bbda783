using Microsoft.AspNetCore.Http;
using Orchestrator.Configuration;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Who is calling, for tool policies: the API key's <c>user</c>, <c>roles</c> and tenant, replaced by
/// trusted identity headers when <c>server.identity_headers</c> is configured (a proxy in front sets
/// them). Without either the caller is anonymous: no personal data. Header values are checked, so a
/// malformed one is a 400 that names the header, never a crash.
/// </summary>
internal static class CallerIdentityResolver
{
    private const int MaxUserLength = 128;
    private const int MaxRoles = 32;
    private const int MaxRoleLength = 64;

    public static CallerIdentity Resolve(HttpContext context, ServerConfig server)
    {
        var key = ApiKeyAuthenticator.Caller(context);
        var user = key?.User;
        IReadOnlyList<string> roles = key?.Roles ?? [];
        if (server.IdentityHeaders is { } headers && HeaderValue(context, headers.User) is { } headerUser)
        {
            user = CheckUser(headers.User, headerUser);
            roles = headers.Roles is { } rolesHeader && HeaderValue(context, rolesHeader) is { } headerRoles ? CheckRoles(rolesHeader, headerRoles) : [];
        }

        return new CallerIdentity(user, key?.Tenant) { Roles = roles };
    }

    private static string? HeaderValue(HttpContext context, string name)
    {
        var values = context.Request.Headers[name];
        if (values.Count > 1)
        {
            throw ApiException.BadRequest($"the header '{name}' is sent {values.Count} times; send it once");
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static string CheckUser(string header, string? value)
    {
        var user = (value ?? "").Trim();
        if (user.Length is 0 or > MaxUserLength || user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw ApiException.BadRequest($"the header '{header}' must hold one user id of 1 to {MaxUserLength} characters without spaces");
        }

        return user;
    }

    private static List<string> CheckRoles(string header, string? value)
    {
        var roles = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (roles.Length > MaxRoles || roles.Any(r => r.Length > MaxRoleLength || !r.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')))
        {
            throw ApiException.BadRequest($"the header '{header}' must hold at most {MaxRoles} comma-separated roles of letters, digits, '_', '-', '.' or ':'");
        }

        return [.. roles];
    }
}
