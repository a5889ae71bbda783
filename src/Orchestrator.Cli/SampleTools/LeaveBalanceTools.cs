using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

/// <summary>
/// Looks up one employee's leave balance in a CSV file chosen by configuration. The argument only
/// selects a row: it is checked against <c>NW-\d{4}</c> and compared, never used to build a path.
/// Whose row a caller may read is the framework's policy (<see cref="PersonalDataAttribute"/>), not this code's.
/// </summary>
public sealed partial class LeaveBalanceTools(string csvFile)
{
    private readonly string _csvFile = Path.GetFullPath(csvFile);

    // Personal data: callers only see their own balance (employee_id defaults to them); the hr role sees anyone's.
    [KernelFunction("get_leave_balance")]
    [PersonalData("employee_id", RolesAllowedAll = ["hr"])]
    [Description("Looks up an employee's remaining annual leave days and the sick days they have used this year, by employee id (NW-1234).")]
    [ToolExamples("How many vacation days do I have left?", "check my leave balance please", "How many sick days has NW-1004 used?", "what is my remaining holiday balance")]
    public async Task<string> GetLeaveBalanceAsync(
        [Description("Employee id in the form NW-1234")] string employee_id,
        CancellationToken cancellationToken = default)
    {
        var id = (employee_id ?? "").Trim().ToUpperInvariant();
        if (!EmployeeId().IsMatch(id))
        {
            throw new ToolArgumentException("employee_id must look like NW-1234");
        }

        var text = await File.ReadAllTextAsync(_csvFile, cancellationToken).ConfigureAwait(false);
        var rows = CsvRecordReader.Read(_csvFile, text).Select(r => r.Fields).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"The leave balance file '{_csvFile}' is empty.");
        }

        var header = rows[0];
        int Column(string name) => header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        var (idColumn, nameColumn, leaveColumn, sickColumn) = (Column("employee_id"), Column("name"), Column("annual_leave_remaining"), Column("sick_days_used"));
        if (idColumn < 0 || leaveColumn < 0 || sickColumn < 0)
        {
            throw new InvalidOperationException($"The leave balance file '{_csvFile}' lacks employee_id, annual_leave_remaining or sick_days_used columns.");
        }

        var row = rows.Skip(1).FirstOrDefault(r => r.Count > idColumn && string.Equals(r[idColumn].Trim(), id, StringComparison.Ordinal));
        if (row is null)
        {
            throw new ToolArgumentException($"no employee with id {id} was found");
        }

        var who = nameColumn >= 0 && row.Count > nameColumn ? $"{row[nameColumn].Trim()} ({id})" : id;
        var leave = double.Parse(row[leaveColumn], CultureInfo.InvariantCulture);
        var sick = double.Parse(row[sickColumn], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{who} has {leave:0.##} days of annual leave remaining and has used {sick:0.##} sick days this year.");
    }

    [GeneratedRegex(@"^NW-\d{4}$")]
    private static partial Regex EmployeeId();
}
