namespace Orchestrator.Tools;

/// <summary>
/// A tool that reads one person's records: <see cref="SubjectArgument"/> names whose. Callers get
/// their own records (the argument defaults to their user id); callers with one of
/// <see cref="RolesAllowedAll"/> get anyone's; anonymous callers get none.
/// </summary>
public sealed record PersonalDataPolicy(string SubjectArgument)
{
    public IReadOnlyList<string> RolesAllowedAll { get; init; } = [];
}
