using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

/// <summary>Exposes <see cref="ArithmeticEvaluator"/> as a tool; it never evaluates code.</summary>
public sealed class CalculatorTools
{
    [KernelFunction("calculate")]
    [Description("Calculates the value of an arithmetic expression with numbers, + - * / % ^ and parentheses; also percentages of a number and sums written in words (plus, minus, times, divided by).")]
    [ToolExamples("what is 12 * (3 + 4)?", "calculate 15% of 240", "how much is 2^10", "compute 1250 / 8", "what is 1250 divided by 8", "7 times 6 plus 2", "what is 20 percent of 80")]
    public string Calculate([Description("Arithmetic expression, e.g. (2 + 3) * 4")] string expression)
    {
        var value = ArithmeticEvaluator.Evaluate(expression ?? "");
        return $"{expression!.Trim()} = {value.ToString("0.##########", CultureInfo.InvariantCulture)}";
    }
}
