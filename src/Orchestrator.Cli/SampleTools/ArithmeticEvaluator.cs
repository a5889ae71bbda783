using System.Globalization;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

/// <summary>
/// A recursive-descent evaluator for plain arithmetic: numbers, + - * / % ^, unary minus and
/// parentheses. There are no identifiers or function calls, so nothing but arithmetic can run;
/// length and nesting are capped so hostile input cannot exhaust the stack.
/// </summary>
public sealed class ArithmeticEvaluator
{
    public const int MaxLength = 200;
    public const int MaxDepth = 32;

    private readonly string _text;
    private int _position;
    private int _depth;

    private ArithmeticEvaluator(string text) => _text = text;

    /// <summary>Evaluates <paramref name="expression"/>; throws <see cref="ToolArgumentException"/> with a usable message otherwise.</summary>
    public static double Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
        {
            throw new ToolArgumentException($"expression must be at most {MaxLength} characters");
        }

        var parser = new ArithmeticEvaluator(expression);
        var value = parser.ParseSum();
        parser.SkipSpaces();
        if (parser._position < expression.Length)
        {
            throw new ToolArgumentException($"unexpected '{expression[parser._position]}' at position {parser._position + 1}; only numbers, + - * / % ^ and parentheses are allowed");
        }

        return double.IsFinite(value) ? value : throw new ToolArgumentException("the result is too large to represent");
    }

    private double ParseSum()
    {
        var value = ParseProduct();
        while (TryTake('+', '-') is { } op)
        {
            var right = ParseProduct();
            value = op == '+' ? value + right : value - right;
        }

        return value;
    }

    private double ParseProduct()
    {
        var value = ParseUnary();
        while (TryTake('*', '/', '%') is { } op)
        {
            var right = ParseUnary();
            if (op != '*' && right == 0)
            {
                throw new ToolArgumentException("division by zero");
            }

            value = op switch { '*' => value * right, '/' => value / right, _ => value % right };
        }

        return value;
    }

    private double ParseUnary()
    {
        if (TryTake('-', '+') is { } sign)
        {
            Enter();
            var operand = ParseUnary();
            _depth--;
            return sign == '-' ? -operand : operand;
        }

        return ParsePower();
    }

    private double ParsePower()
    {
        var value = ParseAtom();
        if (TryTake('^') is not null)
        {
            // Right-associative: 2^3^2 = 2^9.
            Enter();
            var exponent = ParseUnary();
            _depth--;
            value = Math.Pow(value, exponent);
        }

        return value;
    }

    private double ParseAtom()
    {
        SkipSpaces();
        if (TryTake('(') is not null)
        {
            Enter();
            var inner = ParseSum();
            _depth--;
            return TryTake(')') is not null ? inner : throw new ToolArgumentException("missing ')'");
        }

        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        if (start == _position)
        {
            throw _position < _text.Length
                ? new ToolArgumentException($"unexpected '{_text[_position]}' at position {_position + 1}; only numbers, + - * / % ^ and parentheses are allowed")
                : new ToolArgumentException("the expression ends too early");
        }

        return double.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ToolArgumentException($"'{_text[start.._position]}' is not a number");
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new ToolArgumentException($"the expression nests more than {MaxDepth} levels deep");
        }
    }

    private char? TryTake(params ReadOnlySpan<char> options)
    {
        SkipSpaces();
        if (_position < _text.Length && options.Contains(_text[_position]))
        {
            return _text[_position++];
        }

        return null;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
