using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>Reads <c>eval answers</c> cases: JSON lines <c>{"id","messages":[{"role","content"}],"expect":{...},"category"}</c>.</summary>
public static class AnswerCaseReader
{
    /// <summary>More cases than this is a mistake (a wrong file), not an evaluation.</summary>
    public const int MaxCases = 100_000;

    public static IReadOnlyList<AnswerCase> Read(string path)
    {
        var cases = new List<AnswerCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (cases.Count >= MaxCases)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", $"more than {MaxCases} cases; split the file");
            }

            try
            {
                cases.Add(Parse(JsonSerializer.Deserialize<Row>(line) ?? throw new JsonException("the line is null, expected an object"), lineNumber));
            }
            catch (JsonException ex)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", JsonProblem.Describe(ex, wholeFile: false), ex);
            }
        }

        return cases.Count > 0 ? cases : throw DatasetFormatException.At(path, "file", "no cases; expected one JSON object per line");
    }

    private static AnswerCase Parse(Row row, int lineNumber)
    {
        var messages = row.Messages ?? throw new JsonException("missing \"messages\" (a list of {\"role\",\"content\"})");
        if (messages.Count == 0 || messages[^1] is not { Role: "user", Content: { } last } || string.IsNullOrWhiteSpace(last))
        {
            throw new JsonException("\"messages\" must end with a non-empty user message");
        }

        if (messages.Any(m => m is null || m.Role is not ("user" or "assistant") || m.Content is null))
        {
            throw new JsonException("every message needs \"role\" (user or assistant) and \"content\"");
        }

        var expect = row.Expect ?? throw new JsonException("missing \"expect\"");
        if (expect.Agent is null && expect.OutOfScope is not true)
        {
            throw new JsonException("\"expect\" needs an \"agent\", or \"out_of_scope\": true");
        }

        if (expect.ToolStatus is not null && (expect.Tool is null || !KnownToolStatuses.Contains(expect.ToolStatus)))
        {
            throw new JsonException($"\"tool_status\" needs a \"tool\" and one of: {string.Join(", ", KnownToolStatuses)}");
        }

        var history = messages.Take(messages.Count - 1).Select(m => new ConversationTurn(m.Role!, m.Content!)).ToList();
        return new AnswerCase(
            string.IsNullOrWhiteSpace(row.Id) ? $"line-{lineNumber}" : row.Id,
            string.IsNullOrWhiteSpace(row.Category) ? "uncategorised" : row.Category,
            history,
            last,
            new AnswerExpectation(expect.Agent, expect.OutOfScope ?? false, expect.Source, [.. (expect.Facts ?? []).Where(f => !string.IsNullOrWhiteSpace(f))], expect.Tool)
            {
                ToolStatus = expect.ToolStatus,
                AbsentFacts = [.. (expect.AbsentFacts ?? []).Where(f => !string.IsNullOrWhiteSpace(f))],
            })
        {
            Caller = ReadCaller(row.Caller),
        };
    }

    private static readonly string[] KnownToolStatuses =
        [ToolCallStatus.Ok, ToolCallStatus.Failed, ToolCallStatus.NotRun, ToolCallStatus.AwaitingConfirmation, ToolCallStatus.Refused, ToolCallStatus.Cancelled];

    /// <summary>A case's <c>caller</c>: <c>{"user": id, "roles": [...]}</c>; <c>{"user": null}</c> is an explicitly anonymous caller.</summary>
    internal static CallerIdentity? ReadCaller(CallerRow? caller)
    {
        if (caller is null)
        {
            return null;
        }

        var roles = (caller.Roles ?? []).Select(r => r?.Trim() ?? "").ToList();
        if (roles.Any(r => r.Length == 0 || r.Length > MaxCallerValueLength || r.Any(char.IsControl)))
        {
            throw new JsonException($"\"caller\".\"roles\" must be non-empty strings of at most {MaxCallerValueLength} characters without control characters");
        }

        var user = caller.User?.Trim();
        if (string.IsNullOrEmpty(user))
        {
            return roles.Count == 0 ? CallerIdentity.Anonymous : throw new JsonException("\"caller\" has \"roles\" but no \"user\": roles belong to a user");
        }

        if (user.Length > MaxCallerValueLength || user.Any(char.IsControl))
        {
            throw new JsonException($"\"caller\".\"user\" must be at most {MaxCallerValueLength} characters without control characters");
        }

        return new CallerIdentity(user) { Roles = roles };
    }

    private const int MaxCallerValueLength = 200;

    private sealed record Row(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("category")] string? Category,
        [property: JsonPropertyName("messages")] IReadOnlyList<Message>? Messages,
        [property: JsonPropertyName("expect")] Expect? Expect,
        [property: JsonPropertyName("caller")] CallerRow? Caller);

    internal sealed record CallerRow([property: JsonPropertyName("user")] string? User, [property: JsonPropertyName("roles")] IReadOnlyList<string?>? Roles);

    private sealed record Message([property: JsonPropertyName("role")] string? Role, [property: JsonPropertyName("content")] string? Content);

    private sealed record Expect(
        [property: JsonPropertyName("agent")] string? Agent,
        [property: JsonPropertyName("out_of_scope")] bool? OutOfScope,
        [property: JsonPropertyName("source")] string? Source,
        [property: JsonPropertyName("facts")] IReadOnlyList<string>? Facts,
        [property: JsonPropertyName("tool")] string? Tool,
        [property: JsonPropertyName("tool_status")] string? ToolStatus,
        [property: JsonPropertyName("absent_facts")] IReadOnlyList<string>? AbsentFacts);
}
