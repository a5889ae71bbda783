using System.Globalization;

namespace Orchestrator.Configuration;

/// <summary>Reads <c>server:</c>, <c>telemetry:</c> and <c>router.stickiness</c>; see docs/configuration.md.</summary>
internal static class ServerSection
{
    private const string HashHelp = "64 hex digits: the SHA-256 of the key, e.g. from `orchestrator keys hash <key>`";

    public static ServerConfig Read(YamlFields root)
    {
        var section = root.Map("server", ["api_keys", "rate_limit", "failed_auth", "max_body_bytes", "max_messages", "max_message_chars", "identity_headers", "drain_seconds", "stored_responses"]);
        if (section is null)
        {
            return new ServerConfig();
        }

        var rate = section.Map("rate_limit", ["requests_per_minute", "burst"]);
        RateLimitConfig? rateLimit = null;
        if (rate is not null)
        {
            var rpm = rate.Integer("requests_per_minute", 1, 1_000_000);
            if (rpm is null && !rate.Has("requests_per_minute"))
            {
                rate.Missing("requests_per_minute", "a whole number, e.g. 60");
            }

            var burst = rate.Integer("burst", 1, 1_000_000);
            rateLimit = rpm is { } r ? new RateLimitConfig { RequestsPerMinute = (int)r, Burst = (int)(burst ?? r) } : null;
        }

        var defaults = new ServerConfig();
        var failed = section.Map("failed_auth", ["per_minute", "burst"]);
        var failedPerMinute = (int?)failed?.Integer("per_minute", 1, 1_000_000);
        return new ServerConfig
        {
            ApiKeys = ReadKeys(section),
            RateLimit = rateLimit,
            FailedAuth = failed is null ? defaults.FailedAuth : new RateLimitConfig
            {
                RequestsPerMinute = failedPerMinute ?? defaults.FailedAuth.RequestsPerMinute,
                Burst = (int)(failed.Integer("burst", 1, 1_000_000) ?? failedPerMinute ?? defaults.FailedAuth.Burst),
            },
            MaxBodyBytes = section.Integer("max_body_bytes", 1024, 1L << 30) ?? defaults.MaxBodyBytes,
            MaxMessages = (int)(section.Integer("max_messages", 1, 10_000) ?? defaults.MaxMessages),
            MaxMessageChars = (int)(section.Integer("max_message_chars", 1, OrchestratorFileParser.MaxInputCharsLimit) ?? defaults.MaxMessageChars),
            IdentityHeaders = IdentitySettings.ReadHeaders(section),
            DrainSeconds = (int)(section.Integer("drain_seconds", 0, 300) ?? 0),
            StoredResponses = ReadStoredResponses(section),
        };
    }

    private static StoredResponsesConfig? ReadStoredResponses(YamlFields section)
    {
        var stored = section.Map("stored_responses", ["ttl_seconds", "max_chars"]);
        return stored is null ? null : new StoredResponsesConfig
        {
            TtlSeconds = (int)(stored.Integer("ttl_seconds", 1, 86_400) ?? StoredResponsesConfig.DefaultTtlSeconds),
            MaxChars = stored.Integer("max_chars", 1_000, 1L << 34) ?? StoredResponsesConfig.DefaultMaxChars,
        };
    }

    public static TelemetryConfig ReadTelemetry(YamlFields root)
    {
        var section = root.Map("telemetry", ["otlp_endpoint", "service_name"]);
        var endpoint = section?.Text("otlp_endpoint", expected: "the OTLP collector URL, e.g. http://localhost:4317");
        Uri? uri = null;
        if (endpoint is { } e && (!Uri.TryCreate(e.Value, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            section!.Error(e.At, $"otlp_endpoint '{e.Value}' is not an http(s) URL; expected e.g. http://localhost:4317");
            uri = null;
        }

        return new TelemetryConfig
        {
            OtlpEndpoint = uri,
            ServiceName = section?.Text("service_name", expected: "the service name shown in traces")?.Value ?? new TelemetryConfig().ServiceName,
        };
    }

    public static StickinessConfig ReadStickiness(YamlFields? router)
    {
        var section = router?.Map("stickiness", ["enabled", "max_turns", "switch_confidence"]);
        var defaults = new StickinessConfig();
        if (section is null)
        {
            return defaults;
        }

        var confidence = section.Number("switch_confidence", 0);
        if (confidence > 1)
        {
            section.Error(section.At("switch_confidence"), $"'switch_confidence' is {confidence.Value.ToString(CultureInfo.InvariantCulture)}; expected a probability from 0 to 1");
            confidence = null;
        }

        return new StickinessConfig
        {
            Enabled = section.Boolean("enabled") ?? defaults.Enabled,
            MaxTurns = (int)(section.Integer("max_turns", 1, 20) ?? defaults.MaxTurns),
            SwitchConfidence = confidence ?? defaults.SwitchConfidence,
        };
    }

    private static List<ApiKeyConfig> ReadKeys(YamlFields section)
    {
        var keys = new List<ApiKeyConfig>();
        // Every name given so far, explicit or generated, with the entry that holds it: a clash shares a rate-limit bucket.
        var names = new Dictionary<string, (int Entry, bool Generated)>(StringComparer.Ordinal);
        var entries = section.MapList("api_keys", ["sha256", "tenant", "name", "user", "roles"], "a list of { sha256, tenant, name, user, roles } entries");
        var index = 0;
        foreach (var entry in entries ?? [])
        {
            var at = index++;
            var hash = entry.Text("sha256", required: true, expected: HashHelp);
            var tenant = entry.Text("tenant", required: true, expected: "the tenant this key belongs to, e.g. acme");
            var name = entry.Text("name", expected: "a label for logs and rate limits");
            var digest = hash is { } h ? ParseHash(entry, h) : null;
            if (name is { } n && names.TryGetValue(n.Value, out var holder))
            {
                var generated = holder.Generated ? " (the name an unnamed key gets: tenant-position)" : "";
                entry.Error(n.At, $"api key name '{n.Value}' of server.api_keys[{at}] is already the name of server.api_keys[{holder.Entry}]{generated}; names must be unique (they partition the rate limit)");
            }

            if (digest is not null && keys.Any(k => k.Sha256.Span.SequenceEqual(digest)))
            {
                entry.Error(hash!.Value.At, "this sha256 is listed twice under server.api_keys");
            }

            if (digest is not null && tenant is { } t)
            {
                var keyName = name?.Value ?? $"{t.Value}-{keys.Count + 1}";
                if (name is null && names.TryGetValue(keyName, out var taken))
                {
                    entry.Error(t.At, $"the unnamed key server.api_keys[{at}] would be named '{keyName}' (tenant-position), the name server.api_keys[{taken.Entry}] gives itself; names must be unique (they partition the rate limit): give one of them another name");
                }

                names.TryAdd(keyName, (at, name is null));
                keys.Add(new ApiKeyConfig
                {
                    Sha256 = digest,
                    Tenant = t.Value,
                    Name = keyName,
                    User = IdentitySettings.ReadUser(entry),
                    Roles = IdentitySettings.ReadRoles(entry),
                });
            }
        }

        return keys;
    }

    private static byte[]? ParseHash(YamlFields entry, Located hash)
    {
        var text = hash.Value.Trim();
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        // A raw key pasted here would be a secret in the config file: say so without echoing it.
        entry.Error(hash.At, $"'sha256' is not a SHA-256 digest ({text.Length} characters); expected {HashHelp}. Never put the key itself in this file");
        return null;
    }
}
