using System.Globalization;

namespace Orchestrator.Configuration;

/// <summary>Numeric and boolean fields; YAML scalars arrive as text and are parsed invariantly.</summary>
internal sealed partial class YamlFields
{
    public long? Integer(string field, long min, long max)
    {
        var value = Text(field, expected: $"a whole number from {min:N0} to {max:N0}");
        if (value is not { } v)
        {
            return null;
        }

        if (!long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Error(v.At, $"'{field}' is {v.Value}; expected a whole number from {min:N0} to {max:N0}");
            return null;
        }

        return number;
    }

    public double? Number(string field, double min)
    {
        var value = Text(field, expected: $"a number >= {min}");
        if (value is not { } v)
        {
            return null;
        }

        if (!double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < min)
        {
            Error(v.At, $"'{field}' is {v.Value}; expected a number >= {min.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return number;
    }

    public bool? Boolean(string field)
    {
        var value = Text(field, expected: "true or false");
        return value switch
        {
            null => null,
            { Value: "true" or "True" or "TRUE" } => true,
            { Value: "false" or "False" or "FALSE" } => false,
            { } v => Report(v),
        };

        bool? Report(Located v)
        {
            Error(v.At, $"'{field}' is '{v.Value}'; expected true or false");
            return null;
        }
    }
}
