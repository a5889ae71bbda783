namespace Orchestrator.Configuration;

/// <summary>
/// <c>personal:</c> of a tool policy: the argument that names whose records are read, and the roles
/// that may read anyone's. Everyone else only gets their own records; anonymous callers get none.
/// </summary>
public sealed class PersonalDataConfig
{
    /// <summary>The argument holding the person's id, e.g. <c>employee_id</c>; compared with the caller's user id.</summary>
    public required string SubjectArgument { get; init; }

    /// <summary>Roles allowed to read every person's records, e.g. <c>[hr]</c>.</summary>
    public IReadOnlyList<string> RolesAllowedAll { get; init; } = [];
}
