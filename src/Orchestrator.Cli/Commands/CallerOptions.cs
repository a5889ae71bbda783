using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>--user</c> and <c>--roles</c>: who the command asks as. Tool policies decide with it (a tool
/// marked personal returns only the caller's own records), so a local operator trying the sample
/// says who they are; without them the command runs anonymously and personal tools refuse.
/// </summary>
internal sealed class CallerOptions
{
    private const int MaxLength = 200;

    public Option<string?> User { get; } = new("--user") { Description = "Ask as this user id (e.g. NW-1004); tools marked personal return only this user's records" };

    public Option<string?> Roles { get; } = new("--roles") { Description = "Comma-separated roles of the user (e.g. hr), which tool policies may grant wider access to" };

    public void AddTo(Command command)
    {
        command.Options.Add(User);
        command.Options.Add(Roles);
    }

    public CallerIdentity Resolve(ParseResult parse)
    {
        var user = parse.GetValue(User)?.Trim();
        var roles = (parse.GetValue(Roles) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (string.IsNullOrEmpty(user))
        {
            return roles.Length == 0
                ? CallerIdentity.Anonymous
                : throw new UsageException("--roles needs --user: roles belong to a user; pass --user <id> too");
        }

        if (user.Length > MaxLength || user.Any(char.IsControl) || roles.Any(r => r.Length > MaxLength || r.Any(char.IsControl)))
        {
            throw new UsageException($"--user/--roles: a value is longer than {MaxLength} characters or holds control characters; pass a plain user id such as NW-1004");
        }

        return new CallerIdentity(user) { Roles = roles };
    }
}
