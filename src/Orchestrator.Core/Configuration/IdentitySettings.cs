using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>The identity parts of <c>server:</c>: an API key's <c>user</c> and <c>roles</c>, and <c>identity_headers</c>.</summary>
internal static partial class IdentitySettings
{
    public const int MaxUserLength = 128;

    public static string? ReadUser(YamlFields entry)
    {
        var user = entry.Text("user", expected: "the user id this key acts for, e.g. NW-1001");
        if (user is { } u && !IsValidUser(u.Value))
        {
            entry.Error(u.At, $"'user' must be 1 to {MaxUserLength} characters without spaces or control characters, e.g. NW-1001");
            return null;
        }

        return user?.Value;
    }

    public static IReadOnlyList<string> ReadRoles(YamlFields entry)
    {
        var roles = entry.TextList("roles", expected: "a list of roles, e.g. [ hr ]") ?? [];
        foreach (var role in roles.Where(r => !ToolsSection.RoleName().IsMatch(r.Value)))
        {
            entry.Error(role.At, "a role must be 1 to 64 letters, digits, '_', '-', '.' or ':'");
        }

        return [.. roles.Where(r => ToolsSection.RoleName().IsMatch(r.Value)).Select(r => r.Value)];
    }

    public static IdentityHeadersConfig? ReadHeaders(YamlFields server)
    {
        var section = server.Map("identity_headers", ["user", "roles"]);
        if (section is null)
        {
            return null;
        }

        var user = section.Text("user", required: true, expected: "the header a trusted proxy sets with the user id, e.g. X-Forwarded-User");
        var roles = section.Text("roles", expected: "the header with comma-separated roles, e.g. X-Forwarded-Roles");
        foreach (var header in new[] { user, roles }.OfType<Located>().Where(h => !HeaderName().IsMatch(h.Value)))
        {
            section.Error(header.At, $"'{header.Value}' is not a valid HTTP header name; expected letters, digits and '-', e.g. X-Forwarded-User");
        }

        return user is { } u && HeaderName().IsMatch(u.Value) && (roles is null || HeaderName().IsMatch(roles.Value.Value))
            ? new IdentityHeadersConfig { User = u.Value, Roles = roles?.Value }
            : null;
    }

    /// <summary>A user id from configuration or a header: printable, no whitespace, bounded.</summary>
    public static bool IsValidUser(string value) =>
        value.Length is > 0 and <= MaxUserLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex HeaderName();
}
