using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Caching;
using Orchestrator.State;
using StackExchange.Redis;

namespace Orchestrator.AspNetCore;

/// <summary>
/// <c>server.stored_responses</c> on the <c>state:</c> Redis server, so replicas behind one load balancer continue
/// each other's responses. One key per response, expiring after <c>ttl_seconds</c> (the expiry is also written in
/// the entry and checked against the host's clock); a conversation over <c>max_chars</c> is not kept; the total is
/// bounded by the TTL and the server's own <c>maxmemory</c>, not by this process.
/// </summary>
/// <remarks>
/// The conversation is personal data, so Redis holds none of it in clear, nor the response id: the key is a hash of
/// the id, and the entry is sealed (AES-GCM, as <see cref="CacheEcho"/> seals cached questions) under a key derived
/// from the id and the owner. Only a request that knows the id and comes from the same API key, tenant and user can
/// open it; anyone else finds nothing, which is the owner check. An unreachable server is not a 500: keeping is
/// skipped (logged; the reply is already on its way) and continuing is a 503 that says so, as the other shared state
/// answers while the server is down.
/// </remarks>
internal sealed class RedisResponseConversations(ServeSettings settings, Lazy<RedisStateConnection> connection, TimeProvider time, ILogger<RedisResponseConversations> logger)
    : IResponseConversations, IDisposable
{
    public bool Enabled => settings.Server.StoredResponses is not null;

    public string Where => "on the shared state server (state.provider: redis)";

    public async ValueTask KeepAsync(string id, string owner, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken)
    {
        if (settings.Server.StoredResponses is not { } config || turns.Sum(t => (long)t.Text.Length) > config.MaxChars)
        {
            return;
        }

        var expires = time.GetUtcNow().AddSeconds(config.TtlSeconds);
        var entry = CacheEcho.Seal(Serialize(expires, turns), SealKey(id, owner))!;
        try
        {
            var server = connection.Value;
            await server.Database.StringSetAsync(Key(server, id), entry, TimeSpan.FromSeconds(config.TtlSeconds)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Unreachable(ex))
        {
            ServeLog.StoredResponseNotKept(logger, Location, Detail(ex));
        }
    }

    public async ValueTask<IReadOnlyList<ConversationTurn>?> FindAsync(string id, string owner, CancellationToken cancellationToken)
    {
        if (settings.Server.StoredResponses is null)
        {
            return null;
        }

        RedisValue value;
        try
        {
            var server = connection.Value;
            value = await server.Database.StringGetAsync(Key(server, id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Unreachable(ex))
        {
            ServeLog.StoredResponseUnreachable(logger, Location, Detail(ex));
            throw new ApiException(
                StatusCodes.Status503ServiceUnavailable,
                "previous_response_id cannot be looked up now: the shared state server that keeps stored responses is unreachable; retry shortly, or send the whole conversation in 'input' instead",
                ApiErrors.ServerError,
                "previous_response_id");
        }

        return Open(CacheEcho.Open(value.HasValue ? value.ToString() : null, SealKey(id, owner)));
    }

    public void Dispose()
    {
        if (connection.IsValueCreated)
        {
            connection.Value.Dispose();
        }
    }

    private string Location => connection.IsValueCreated ? connection.Value.Location : "state.connection_env";

    /// <summary>Unreachable, too slow, or misconfigured (its message names the variable, never its value).</summary>
    private bool Unreachable(Exception ex)
    {
        if (ex is SharedStateException)
        {
            return true;
        }

        if (!RedisStateConnection.IsUnavailable(ex) && ex is not RedisException)
        {
            return false;
        }

        connection.Value.CountFailure("stored_responses");
        return true;
    }

    private static string Detail(Exception ex) => ex is SharedStateException ? ex.Message : ex.GetType().Name;

    private static RedisKey Key(RedisStateConnection server, string id) =>
        $"{server.KeyPrefix}:responses:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))}";

    /// <summary>A key distinct from the Redis key's hash: the id alone names the entry, the id and the owner open it.</summary>
    private static byte[] SealKey(string id, string owner) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("orchestrator stored response v1\n" + id + "\n" + owner));

    private static string Serialize(DateTimeOffset expires, IReadOnlyList<ConversationTurn> turns)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("expires", expires.ToUnixTimeMilliseconds());
            writer.WriteStartArray("turns");
            foreach (var turn in turns)
            {
                writer.WriteStartObject();
                writer.WriteString("role", turn.Role);
                writer.WriteString("text", turn.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The turns of an opened entry, or null when it is absent, expired by the host's clock, or not this version's shape.</summary>
    private List<ConversationTurn>? Open(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expires").GetInt64()) <= time.GetUtcNow())
            {
                return null;
            }

            return [.. root.GetProperty("turns").EnumerateArray().Select(t => new ConversationTurn(t.GetProperty("role").GetString()!, t.GetProperty("text").GetString()!))];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
