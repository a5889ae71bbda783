using System.Text.Json;

namespace Orchestrator.Routing;

/// <summary>A parsed SLM route: the agent name (or "none") and its confidence.</summary>
internal sealed record SlmRouteChoice(string Agent, double Confidence);

/// <summary>
/// Reads the model's reply defensively: the first balanced JSON object in the text (code fences and
/// chatter around it are ignored), with a known agent or "none" and a confidence in [0, 1].
/// </summary>
internal static class SlmRouteParser
{
    /// <summary>Null with a reason when the reply is not a usable route.</summary>
    public static SlmRouteChoice? Parse(string? text, IReadOnlyCollection<string> agents, out string reason)
    {
        var json = FirstObject(text ?? "");
        if (json is null)
        {
            reason = "no JSON object in the reply";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("agent", out var agentElement) || agentElement.ValueKind != JsonValueKind.String)
            {
                reason = "missing agent";
                return null;
            }

            if (!root.TryGetProperty("confidence", out var confidenceElement) || !confidenceElement.TryGetDouble(out var confidence))
            {
                reason = "missing confidence";
                return null;
            }

            if (double.IsNaN(confidence) || confidence < 0 || confidence > 1)
            {
                reason = "confidence out of range";
                return null;
            }

            var agent = agentElement.GetString()!.Trim();
            if (string.Equals(agent, SlmRoutePrompt.None, StringComparison.OrdinalIgnoreCase))
            {
                reason = "";
                return new SlmRouteChoice(SlmRoutePrompt.None, confidence);
            }

            var known = agents.FirstOrDefault(a => string.Equals(a, agent, StringComparison.OrdinalIgnoreCase));
            reason = known is null ? "unknown agent" : "";
            return known is null ? null : new SlmRouteChoice(known, confidence);
        }
        catch (JsonException)
        {
            reason = "invalid JSON";
            return null;
        }
    }

    /// <summary>The first balanced {...} span, honouring strings and escapes; null when none closes.</summary>
    internal static string? FirstObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        return null;
    }
}
