using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace Orchestrator.Tools.Samples;

/// <summary>Exposes <see cref="ArithmeticEvaluator"/> as a tool; it never evaluates code.</summary>
public sealed class CalculatorTools
{
    [KernelFunction("calculate")]
    [Description("Calculates the value of an arithmetic expression with numbers, + - * / % ^ and parentheses.")]
    [ToolExamples("what is 12 * (3 + 4)?", "calculate 15% of 240", "how much is 2^10", "compute 1250 / 8")]
    public string Calculate([Description("Arithmetic expression, e.g. (2 + 3) * 4")] string expression)
    {
        var value = ArithmeticEvaluator.Evaluate(expression ?? "");
        return $"{expression!.Trim()} = {value.ToString("0.##########", CultureInfo.InvariantCulture)}";
    }
}
