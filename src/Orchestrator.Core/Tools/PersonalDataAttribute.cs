namespace Orchestrator.Tools;

/// <summary>
/// Marks a tool method that returns one person's records, named by the argument
/// <paramref name="subjectArgument"/> (e.g. <c>employee_id</c>). The framework only runs it for the
/// caller's own id, unless the caller has one of <see cref="RolesAllowedAll"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PersonalDataAttribute(string subjectArgument) : Attribute
{
    public string SubjectArgument { get; } = subjectArgument;

#pragma warning disable CA1819 // attribute arguments can only be arrays
    public string[] RolesAllowedAll { get; init; } = [];
#pragma warning restore CA1819
}
