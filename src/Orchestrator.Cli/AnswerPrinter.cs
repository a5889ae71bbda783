using System.Globalization;
using System.Text.Json;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli;

/// <summary>Writes an answer for people (answer then a short summary) or as one JSON object.</summary>
internal static class AnswerPrinter
{
    public static void WriteJson(TextWriter output, OrchestratorResponse response) =>
        output.WriteLine(JsonSerializer.Serialize(response, OrchestratorJson.Options));

    public static void WriteHuman(TextWriter output, OrchestratorResponse response)
    {
        output.WriteLine(response.Answer);
        WriteSummary(output, response);
    }

    /// <summary>The lines after the answer: route, guardian, escalation, sources, time.</summary>
    public static void WriteSummary(TextWriter output, OrchestratorResponse response)
    {
        output.WriteLine();
        var route = response.Route;
        var routeText = route.OutOfScope
            ? $"out of scope (closest: {route.Agent ?? "none"}, {Pct(route.Confidence)})"
            : $"{route.Agent} ({route.Kind}, confidence {Pct(route.Confidence)})";
        output.WriteLine($"  route:      {routeText}");
        var checks = string.Join(", ", response.Guardian.Checks.Select(c => $"{c.Name} {(c.Passed ? "ok" : "FAILED")}"));
        var guardian = response.Guardian.Checks.Count == 0 ? "not run" : (response.Guardian.Passed ? "passed" : "failed") + $" ({checks})";
        output.WriteLine($"  guardian:   {guardian}");
        var e = response.Escalation;
        var escalation = !e.Needed ? "not needed"
            : $"needed ({e.Reason}), {(e.Performed ? $"performed via {e.Target}" : "not performed")}{(e.Degraded ? $", degraded ({e.DegradedReason})" : "")}";
        output.WriteLine($"  escalation: {escalation}");
        foreach (var c in response.Citations)
        {
            output.WriteLine($"  [{c.Id}] {c.Source} — {c.Locator}");
        }

        output.WriteLine($"  time:       {response.TimingsMs.Total.ToString("F1", CultureInfo.InvariantCulture)} ms");
    }

    private static string Pct(double value) => value.ToString("P0", CultureInfo.InvariantCulture);
}
