namespace Orchestrator.Configuration;

/// <summary>Reads <c>state:</c>; see <see cref="StateConfig"/> and the README's configuration reference.</summary>
internal static class StateSection
{
    public static StateConfig Read(YamlFields root)
    {
        var section = root.Map("state", ["provider", "connection_env", "key_prefix", "on_unavailable", "reservation_ttl_seconds"]);
        if (section is null)
        {
            return new StateConfig();
        }

        var defaults = new StateConfig();
        var provider = section.Choice("provider", StateProviders.All)?.Value ?? StateProviders.Sqlite;
        var connection = section.Text("connection_env", expected: "the name of the environment variable holding the Redis connection string, e.g. ORCHESTRATOR_REDIS");
        if (provider == StateProviders.Redis && connection is null && !section.Has("connection_env"))
        {
            section.Missing("connection_env", "the name of the environment variable holding the Redis connection string (e.g. ORCHESTRATOR_REDIS, set to localhost:6379) when provider is redis");
        }
        else if (connection is { } c && !IsEnvName(c.Value))
        {
            section.Error(c.At, $"connection_env '{c.Value}' is not an environment variable name; write the variable's name (e.g. ORCHESTRATOR_REDIS), never the connection string, which may hold a password");
        }

        var prefix = section.Text("key_prefix", expected: "a prefix for Redis keys, e.g. orchestrator");
        if (prefix is { } p && (p.Value.Length is 0 or > 64 || !p.Value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or ':' or '.')))
        {
            section.Error(p.At, $"key_prefix '{p.Value}' may only contain letters, digits, '_', '-', ':' and '.' (1 to 64 characters); e.g. orchestrator");
        }

        var unavailable = section.Map("on_unavailable", ["budget", "rate_limits"]);
        return new StateConfig
        {
            Provider = provider,
            ConnectionEnv = connection?.Value,
            KeyPrefix = prefix?.Value ?? defaults.KeyPrefix,
            BudgetOnUnavailable = unavailable?.Choice("budget", UnavailablePolicies.All)?.Value ?? defaults.BudgetOnUnavailable,
            RateLimitsOnUnavailable = unavailable?.Choice("rate_limits", UnavailablePolicies.All)?.Value ?? defaults.RateLimitsOnUnavailable,
            ReservationTtlSeconds = (int)(section.Integer("reservation_ttl_seconds", 10, 86_400) ?? defaults.ReservationTtlSeconds),
        };
    }

    private static bool IsEnvName(string name) =>
        name.Length is > 0 and <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');
}
