using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Orchestrator.Benchmarks;

/// <summary>The personal-data tool of the leak run: it returns whatever record the run put in it.</summary>
public sealed class LeakTools
{
    public string Record { get; set; } = "";

    [KernelFunction("employee_record"), Description("Looks up the personal record of an employee.")]
    public string EmployeeRecord([Description("The employee number, e.g. NW-1004")] string employee_id) => $"Employee {employee_id}: {Record}";
}
