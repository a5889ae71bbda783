namespace Orchestrator.Escalation.Budget;

/// <summary>
/// The Lua scripts behind <see cref="RedisBudgetStore"/>. Redis runs a script atomically, so a
/// reservation is checked and written as one step however many replicas ask at once. Per UTC day:
/// KEYS[1] is a hash of settled USD (field <c>*</c> for everyone, <c>t:&lt;tenant&gt;</c> per tenant),
/// KEYS[2] a hash of live reservations, id → <c>expires_ms|usd|tenant</c>. Both expire two days after
/// their last write. Amounts go in and out as round-trip decimal text.
/// </summary>
internal static class RedisBudgetScripts
{
    /// <summary>Drops expired reservations and sums the rest; shared prefix of <see cref="Reserve"/> and <see cref="Usage"/>.</summary>
    private const string Sum = """
        local now = tonumber(ARGV[1])
        local tenant = ARGV[2]
        local g, t = 0, 0
        local live = redis.call('HGETALL', KEYS[2])
        for i = 1, #live, 2 do
          local expires, usd, owner = string.match(live[i + 1], '^([^|]+)|([^|]+)|(.*)$')
          if tonumber(expires) <= now then
            redis.call('HDEL', KEYS[2], live[i])
          else
            g = g + tonumber(usd)
            if owner == tenant then t = t + tonumber(usd) end
          end
        end
        g = g + tonumber(redis.call('HGET', KEYS[1], '*') or '0')
        t = t + tonumber(redis.call('HGET', KEYS[1], 't:' .. tenant) or '0')
        """;

    /// <summary>ARGV: now_ms, tenant, usd, id, expires_ms, global limit or '', tenant limit or '', tolerance, ttl_s. Returns {1} or {0, which, used}.</summary>
    public const string Reserve = Sum + """

        local usd = tonumber(ARGV[3])
        local tolerance = tonumber(ARGV[8])
        if ARGV[6] ~= '' and g + usd > tonumber(ARGV[6]) + tolerance then
          return {0, 'global', string.format('%.17g', g)}
        end
        if ARGV[7] ~= '' and t + usd > tonumber(ARGV[7]) + tolerance then
          return {0, 'tenant', string.format('%.17g', t)}
        end
        redis.call('HSET', KEYS[2], ARGV[4], ARGV[5] .. '|' .. ARGV[3] .. '|' .. tenant)
        redis.call('EXPIRE', KEYS[1], ARGV[9])
        redis.call('EXPIRE', KEYS[2], ARGV[9])
        return {1}
        """;

    /// <summary>ARGV: now_ms, tenant. Returns {global, tenant} as text.</summary>
    public const string Usage = Sum + """

        return {string.format('%.17g', g), string.format('%.17g', t)}
        """;

    /// <summary>
    /// ARGV: id, tenant, usd, ttl_s. Replaces the reservation by settled spend; a settlement whose
    /// reservation already expired is still counted (the money was spent). Idempotent per id: a
    /// settlement retried after a lost reply is not counted twice.
    /// </summary>
    public const string Settle = """
        if redis.call('HSETNX', KEYS[3], ARGV[1], '1') == 0 then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('HINCRBYFLOAT', KEYS[1], '*', ARGV[3])
        redis.call('HINCRBYFLOAT', KEYS[1], 't:' .. ARGV[2], ARGV[3])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        redis.call('EXPIRE', KEYS[3], ARGV[4])
        return 1
        """;
}
