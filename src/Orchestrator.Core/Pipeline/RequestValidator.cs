using Orchestrator.Configuration;

namespace Orchestrator.Pipeline;

/// <summary>Input checks that run before any model sees the request.</summary>
public static class RequestValidator
{
    /// <summary>Returns the trimmed text, or throws <see cref="InvalidRequestException"/> saying what is wrong and how to fix it.</summary>
    public static string Validate(string? text, LimitsConfig limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidRequestException("the question is empty; pass the question as text, e.g. orchestrator ask \"How many vacation days do I get?\"");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > limits.MaxInputChars)
        {
            throw new InvalidRequestException(
                $"the question is {trimmed.Length} characters long, over the limit of {limits.MaxInputChars} (limits.max_input_chars in orchestrator.yaml); shorten it or raise the limit");
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new InvalidRequestException("the question contains control characters; send plain text");
        }

        return trimmed;
    }
}
