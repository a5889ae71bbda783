using System.CommandLine;
using System.Security.Cryptography;
using Orchestrator.Configuration;

namespace Orchestrator.Cli.Commands;

/// <summary><c>keys hash</c> and <c>keys new</c>: API keys for <c>serve</c> are configured only as SHA-256 hashes.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("keys", "Make API keys for `serve` (server.api_keys holds only their SHA-256)");
        var key = new Argument<string>("key") { Description = "The key to hash; '-' reads it from stdin (keeps it out of shell history)" };
        var hash = new Command("hash", "Print the SHA-256 of a key, for server.api_keys[].sha256") { key };
        hash.SetAction(async (parse, ct) =>
        {
            var value = parse.GetValue(key)!;
            if (value == "-")
            {
                value = (await context.In.ReadLineAsync(ct).ConfigureAwait(false))?.Trim() ?? "";
            }

            if (value.Length == 0 || value.Any(char.IsWhiteSpace))
            {
                throw new UsageException("the key is empty or contains spaces; pass one key, or '-' and the key on stdin");
            }

            await context.Out.WriteLineAsync(ApiKeyConfig.HashHex(value)).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var tenant = new Option<string>("--tenant") { Description = "The tenant the key belongs to", Required = true };
        var create = new Command("new", "Generate a random key; prints the key (give it to the client) and the YAML entry (put it in the config)") { tenant };
        create.SetAction(async (parse, ct) =>
        {
            var secret = "sk-orch-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var name = parse.GetValue(tenant)!;
            await context.Out.WriteLineAsync($"key: {secret}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"config: - {{ sha256: {ApiKeyConfig.HashHex(secret)}, tenant: {name}, name: {name}-key }}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(hash);
        command.Subcommands.Add(create);
        return command;
    }
}
