using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Orchestrator.State;

/// <summary>
/// Used proposals on the shared Redis server: one <c>SET NX</c> with the proposal's remaining life as
/// its expiry, so exactly one replica wins a "yes". It fails closed: while the server is unreachable
/// no proposal is confirmed (running a side effect twice is worse than asking again).
/// </summary>
/// <remarks>
/// Synchronous because proposals are checked by the public, synchronous <c>ToolConfirmations.Verify</c>; the
/// connection bounds the wait. The connection is opened at the first "yes", not at start-up, so a runtime
/// that never confirms anything does not need the server (as before, when only the budget and cache used it).
/// </remarks>
internal sealed class RedisUsedProposals(Lazy<RedisStateConnection> connection, ILogger? logger = null) : IUsedProposals
{
    /// <summary>None: used proposals are kept on the server, across restarts and replicas.</summary>
    public string? Epoch => null;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public bool? TryUse(string nonce, DateTimeOffset expires, DateTimeOffset now)
    {
        var life = expires - now;
        if (life <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            var server = connection.Value;

            // At least a second: the token's expiry has whole-second resolution, and SET needs a positive expiry.
            return server.Database.StringSet($"{server.KeyPrefix}:confirm:used:{nonce}", 1, life < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : life, when: When.NotExists);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or SharedStateException)
        {
            // A SharedStateException is a missing or malformed state.connection_env; its message names the variable, not its value.
            if (ex is not SharedStateException)
            {
                connection.Value.CountFailure("confirmations");
            }

            StateLog.UsedProposalsUnavailable(_logger, connection.IsValueCreated ? connection.Value.Location : "state.connection_env", ex is SharedStateException ? ex.Message : ex.GetType().Name);
            return null;
        }
    }
}
