using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Tools;

public sealed class SampleToolTests : IDisposable
{
    private readonly ToolTestKit _kit = new();

    [Fact]
    public async Task Ticket_is_persisted_with_a_formatted_id()
    {
        var outcome = await _kit.RunAsync("create_it_ticket", """{"summary":"Laptop screen flickers","priority":"P2","requester_email":"anna@northwind.example"}""");

        Assert.True(outcome.Ok, outcome.Result);
        var id = System.Text.RegularExpressions.Regex.Match(outcome.Result, @"IT-\d{6}").Value;
        Assert.Equal("IT-000001", id);
        var stored = await _kit.Tickets.FindAsync(id);
        Assert.Equal(("Laptop screen flickers", "P2", "anna@northwind.example"), stored);
    }

    [Fact]
    public async Task Ticket_database_folder_is_created_on_first_use()
    {
        using var temp = new Orchestrator.Tests.Support.TempDirectory();
        var tools = new ItTicketTools(Path.Combine(temp.Path, "state", "nested", "tickets.db"));

        var result = await tools.CreateTicketAsync("Printer jammed", TicketPriority.P4);

        Assert.StartsWith("Created ticket IT-000001 with priority P4", result, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "state", "nested", "tickets.db")));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Sql_injection_in_summary_is_stored_literally()
    {
        const string hostile = "x'); DROP TABLE tickets; --";
        var first = await _kit.RunAsync("create_it_ticket", $$"""{"summary":"{{hostile}}"}""");
        var second = await _kit.RunAsync("create_it_ticket", """{"summary":"still works"}""");

        Assert.True(first.Ok, first.Result);
        Assert.Contains("IT-000002", second.Result, StringComparison.Ordinal);
        Assert.Equal(hostile, (await _kit.Tickets.FindAsync("IT-000001"))?.Summary);
        Assert.Equal("P3", (await _kit.Tickets.FindAsync("IT-000001"))?.Priority);
    }

    [Theory]
    [InlineData("""{"summary":"x","priority":"P9"}""", "priority")]
    [InlineData("""{"summary":"x","requester_email":"not-an-email"}""", "e-mail")]
    [InlineData("""{"summary":"   "}""", "empty")]
    [InlineData("""{"priority":"P1"}""", "missing required argument 'summary'")]
    [InlineData("""{"summary":"x","sql":"DROP"}""", "unknown argument 'sql'")]
    public async Task Invalid_ticket_arguments_are_rejected(string arguments, string expected)
    {
        var outcome = await _kit.RunAsync("create_it_ticket", arguments);

        Assert.False(outcome.Ok);
        Assert.True(outcome.Rejected);
        Assert.Contains(expected, outcome.Result, StringComparison.Ordinal);
        Assert.Null(await _kit.Tickets.FindAsync("IT-000001"));
    }

    [Fact]
    public async Task Leave_balance_is_read_from_the_csv()
    {
        var outcome = await _kit.RunAsync("get_leave_balance", """{"employee_id":"NW-1001"}""");

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Contains("Anna de Vries", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("18.5 days", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("2 sick days", outcome.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("NW-1001/../../secrets")]
    [InlineData("NW-10011")]
    [InlineData("nw-1001; DROP")]
    [InlineData("")]
    public async Task Hostile_or_malformed_employee_ids_are_rejected(string id)
    {
        var outcome = await _kit.RunAsync("get_leave_balance", System.Text.Json.JsonSerializer.Serialize(new { employee_id = id }));

        Assert.False(outcome.Ok);
        Assert.Contains("NW-1234", outcome.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_employee_is_a_clear_error()
    {
        var outcome = await _kit.RunAsync("get_leave_balance", """{"employee_id":"NW-9999"}""");

        Assert.False(outcome.Ok);
        Assert.Contains("no employee with id NW-9999", outcome.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-4 + 10 % 4", "-2")]
    [InlineData("1250 / 8", "156.25")]
    public async Task Calculator_evaluates_arithmetic(string expression, string expected)
    {
        var outcome = await _kit.RunAsync("calculate", System.Text.Json.JsonSerializer.Serialize(new { expression }));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.EndsWith("= " + expected, outcome.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("5 % (2 - 2)", "division by zero")]
    [InlineData("System.IO.File.Delete(\"x\")", "only numbers")]
    [InlineData("2 + x", "only numbers")]
    [InlineData("(1 + 2", "missing ')'")]
    [InlineData("10 ^ 400", "too large")]
    public async Task Calculator_rejects_bad_expressions(string expression, string expected)
    {
        var outcome = await _kit.RunAsync("calculate", System.Text.Json.JsonSerializer.Serialize(new { expression }));

        Assert.False(outcome.Ok);
        Assert.Contains(expected, outcome.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculator_caps_length_and_nesting()
    {
        var huge = string.Join("+", Enumerable.Repeat("1", 5000));
        var deep = new string('(', 50) + "1" + new string(')', 50);

        Assert.Contains("at most", Assert.Throws<Orchestrator.Tools.ToolArgumentException>(() => ArithmeticEvaluator.Evaluate(huge)).Message, StringComparison.Ordinal);
        Assert.Contains("nests", Assert.Throws<Orchestrator.Tools.ToolArgumentException>(() => ArithmeticEvaluator.Evaluate(deep)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Currency_converts_over_the_static_table()
    {
        var outcome = await _kit.RunAsync("convert_currency", """{"amount":104,"from":"USD","to":"EUR"}""");

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Contains("104 USD is about 100.00 EUR", outcome.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount":10,"from":"XYZ","to":"EUR"}""")]
    [InlineData("""{"amount":-5,"from":"USD","to":"EUR"}""")]
    [InlineData("""{"amount":"ten","from":"USD","to":"EUR"}""")]
    public async Task Currency_rejects_bad_arguments(string arguments)
    {
        var outcome = await _kit.RunAsync("convert_currency", arguments);

        Assert.False(outcome.Ok);
        Assert.True(outcome.Rejected);
    }

    public void Dispose() => _kit.Dispose();
}
