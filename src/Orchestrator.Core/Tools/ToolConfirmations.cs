using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Configuration;

namespace Orchestrator.Tools;

/// <summary>A call the user was asked to confirm, as signed into the proposal.</summary>
public sealed record ProposedToolCall(string Tool, JsonObject Arguments);

/// <summary>
/// Signs and checks proposals of tools that need confirmation. The proposal's answer ends with
/// <c>[confirm:TOKEN]</c>: the call (tool and arguments), an expiry and a nonce, with an HMAC-SHA256
/// over them bound to the agent and the caller, and a second one bound to the agent only. A follow-up
/// "yes" whose history holds the token runs exactly that call; a token that was altered, made for another
/// caller or agent, expired or already used is refused. The second MAC tells a genuine proposal made for
/// another caller (said so, nothing more) from a guessed or altered token (the generic refusal). Used
/// nonces are remembered until they expire: in this process's memory, or on the <c>state:</c> Redis
/// server when the runtime uses one, so that replicas sharing the secret share them too.
/// </summary>
public sealed partial class ToolConfirmations
{
    public const int MinSecretLength = 32;
    private const int MacBytes = 16;
    private const int MaxTokenChars = 8192;
    private const string NotValid = "That confirmation is not valid any more (it expired, was already used, or was changed). Please ask again.";
    private const string Unchecked = "That confirmation could not be checked just now, so nothing was done. Please reply \"yes\" again in a moment.";
    private const string Restarted = "That confirmation expired when the service restarted, so nothing was done. Please ask again.";
    private const string OtherCaller = "That confirmation was made for another user, and only they can confirm it. Please ask again if you need this done.";
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("orchestrator/tool-confirmation/v1\n");
    private static readonly byte[] AnyCallerDomain = Encoding.UTF8.GetBytes("orchestrator/tool-confirmation/v1/any-caller\n");

    private readonly byte[] _key;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly State.IUsedProposals _used;

    public ToolConfirmations(ToolConfirmationConfig? config = null, TimeProvider? timeProvider = null, Func<string, string?>? environment = null)
        : this(config, timeProvider, environment, new State.InMemoryUsedProposals())
    {
    }

    internal ToolConfirmations(ToolConfirmationConfig? config, TimeProvider? timeProvider, Func<string, string?>? environment, State.IUsedProposals used)
    {
        _used = used;
        config ??= new ToolConfirmationConfig();
        _ttl = TimeSpan.FromSeconds(config.TtlSeconds);
        _time = timeProvider ?? TimeProvider.System;
        _key = config.SecretEnv is { } name ? SecretFrom(name, environment ?? Environment.GetEnvironmentVariable) : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The text that ends a proposal: how to confirm, and the signed token.</summary>
    public string Sign(ProposedToolCall call, string agent, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = new JsonObject
        {
            ["t"] = call.Tool,
            ["a"] = call.Arguments.DeepClone(),
            ["x"] = (_time.GetUtcNow() + _ttl).ToUnixTimeSeconds(),
            ["n"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        };
        if (_used.Epoch is { } epoch)
        {
            body["e"] = epoch; // used proposals are remembered in this process only: bind the proposal to it (see Verify)
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(body);
        var mac = Mac(payload, agent, caller);
        var anyCallerMac = AnyCallerMac(payload, agent);
        return "[confirm:" + Base32Letters.Encode([.. payload, .. mac, .. anyCallerMac]) + "]";
    }

    /// <summary>The token of the latest assistant turn of <paramref name="history"/>, when it holds one.</summary>
    public static string? LatestToken(IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history.LastOrDefault(t => t.Role == ConversationTurn.Assistant);
        var match = last is null ? null : TokenPattern().Matches(last.Text).LastOrDefault();
        return match?.Groups[1].Value;
    }

    /// <summary>The signed call, or why the token cannot be used. Consuming it makes a second "yes" fail.</summary>
    public ProposedToolCall? Verify(string token, string agent, CallerIdentity caller, bool consume, out string problem)
    {
        problem = NotValid;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenChars || Base32Letters.Decode(token) is not { Length: > 2 * MacBytes } bytes)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - (2 * MacBytes));
        var signedByAgent = CryptographicOperations.FixedTimeEquals(AnyCallerMac(payload, agent), bytes.AsSpan(bytes.Length - MacBytes));
        var signedForCaller = CryptographicOperations.FixedTimeEquals(Mac(payload, agent, caller), bytes.AsSpan(bytes.Length - (2 * MacBytes), MacBytes));
        if (!signedByAgent || !signedForCaller)
        {
            // Only a proposal this agent really signed passes the caller-free MAC, so a guessed or altered token learns nothing.
            problem = signedByAgent ? OtherCaller : NotValid;
            return null;
        }

        // Signed by us, so the shape is ours; still read defensively.
        if (JsonNode.Parse(payload.ToArray()) is not JsonObject body || body["t"] is not JsonValue tool || body["a"] is not JsonObject arguments
            || body["x"] is not JsonValue expiry || body["n"] is not JsonValue nonce)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiry.GetValue<long>());
        var now = _time.GetUtcNow();
        if (now > expires)
        {
            return null;
        }

        // Signed before a restart (a shared secret_env keeps the MACs valid) while used proposals live in memory: this
        // process cannot know whether it was used already, so it may run nothing. Redis-kept proposals carry no epoch.
        if (_used.Epoch is { } epoch && (body["e"] as JsonValue)?.GetValue<string>() != epoch)
        {
            problem = Restarted;
            return null;
        }

        if (consume)
        {
            var firstUse = _used.TryUse(nonce.GetValue<string>(), expires, now);
            if (firstUse is not true)
            {
                problem = firstUse is null ? Unchecked : NotValid;
                return null;
            }
        }

        problem = "";
        return new ProposedToolCall(tool.GetValue<string>(), (JsonObject)arguments.DeepClone());
    }

    private byte[] Mac(ReadOnlySpan<byte> payload, string agent, CallerIdentity caller)
    {
        // Separators cannot occur inside the fields' own encodings, so fields cannot be shifted into each other.
        var binding = Encoding.UTF8.GetBytes($"{agent}\n{caller.Tenant}\n{caller.UserId}\n");
        byte[] message = [.. Domain, .. binding, .. payload];
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }

    private byte[] AnyCallerMac(ReadOnlySpan<byte> payload, string agent)
    {
        byte[] message = [.. AnyCallerDomain, .. Encoding.UTF8.GetBytes(agent + "\n"), .. payload];
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }

    private static byte[] SecretFrom(string name, Func<string, string?> environment)
    {
        var secret = environment(name);
        if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength)
        {
            throw new InvalidOperationException(
                $"tool_confirmation.secret_env names the environment variable {name}, which is {(string.IsNullOrEmpty(secret) ? "not set" : "too short")}; " +
                $"set it to a random secret of at least {MinSecretLength} characters (the same on every replica), or remove secret_env to use a per-process secret.");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    [GeneratedRegex(@"\[confirm:([A-Z2-7]{1,8192})\]")]
    private static partial Regex TokenPattern();
}
