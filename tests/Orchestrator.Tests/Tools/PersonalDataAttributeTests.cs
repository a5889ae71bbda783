using System.ComponentModel;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// <c>[PersonalData("employee")]</c> on a method whose parameter is <c>employee_id</c> protected
/// nothing it named and failed every call at request time (walk32): registration refuses it.
/// </summary>
public sealed class PersonalDataAttributeTests
{
    [Fact]
    public void A_subject_argument_the_method_does_not_have_is_refused_at_registration()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ToolRegistry().AddPlugin(new MisnamedSubjectTools()));

        // One sentence with the YAML check (leftovers34): what is wrong, the likely name, what the tool takes.
        Assert.Equal(
            "[PersonalData(\"employee\")] on tool 'get_payslip': 'employee' is not a parameter of get_payslip (did you mean 'employee_id'?); " +
            "get_payslip takes: employee_id; name the parameter that says whose records are read",
            ex.Message);
    }

    [Fact]
    public void A_subject_argument_on_a_tool_without_parameters_says_it_takes_none()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ToolRegistry().AddPlugin(new ParameterlessTools()));

        Assert.Contains("'employee_id' is not a parameter of get_my_payslip; get_my_payslip takes no parameters;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_argument_the_method_has_registers_the_policy()
    {
        var registry = new ToolRegistry().AddPlugin(new PayslipTools());

        Assert.Equal("employee_id", registry.Get("get_payslip").Policy.Personal!.SubjectArgument);
    }

    private sealed class MisnamedSubjectTools
    {
        [KernelFunction("get_payslip"), Description("Returns an employee's latest payslip.")]
        [PersonalData("employee")]
        public static string GetPayslip(string employee_id) => "payslip of " + employee_id;
    }

    private sealed class ParameterlessTools
    {
        [KernelFunction("get_my_payslip"), Description("Returns the caller's latest payslip.")]
        [PersonalData("employee_id")]
        public static string GetMyPayslip() => "payslip";
    }

    private sealed class PayslipTools
    {
        [KernelFunction("get_payslip"), Description("Returns an employee's latest payslip.")]
        [PersonalData("employee_id")]
        public static string GetPayslip(string employee_id) => "payslip of " + employee_id;
    }
}
