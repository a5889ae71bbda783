using Orchestrator.Configuration;

namespace Orchestrator.Tools;

/// <summary>
/// One check and one sentence for "an argument the tool does not take", wherever it is named: a
/// <c>[PersonalData]</c> attribute at registration or a YAML <c>personal.subject_argument</c> at start-up.
/// </summary>
internal static class ToolParameterCheck
{
    /// <summary>
    /// Null when <paramref name="tool"/> takes <paramref name="argument"/> (names are compared exactly, as
    /// calls bind them); otherwise "'employe_id' is not a parameter of get_payslip (did you mean 'employee_id'?);
    /// get_payslip takes: employee_id", which says what the tool does take.
    /// </summary>
    public static string? NotTaken(string tool, string argument, IReadOnlyCollection<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Contains(argument, StringComparer.Ordinal))
        {
            return null;
        }

        var takes = parameters.Count == 0 ? $"{tool} takes no parameters" : $"{tool} takes: {string.Join(", ", parameters)}";
        return $"'{argument}' is not a parameter of {tool}{Suggestions.DidYouMean(argument, parameters)}; {takes}";
    }
}
