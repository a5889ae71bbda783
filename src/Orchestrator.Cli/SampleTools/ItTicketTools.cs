using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

[JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
public enum TicketPriority
{
    P1,
    P2,
    P3,
    P4,
}

/// <summary>
/// Files IT tickets into a SQLite file. Every value goes in as a parameter, never into SQL text,
/// so a summary like <c>'); DROP TABLE tickets;--</c> is stored literally.
/// </summary>
public sealed partial class ItTicketTools(string databaseFile)
{
    public const int MaxSummaryLength = 500;

    private readonly string _databaseFile = Path.GetFullPath(databaseFile);

    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = _databaseFile,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    // Side effects: never filed on a guessed route or with a meaningless summary; the sample config adds confirm: true.
    [KernelFunction("create_it_ticket")]
    [SideEffects]
    [Description("Opens a new IT support ticket for a broken device, an account lockout, an access request or an outage, and returns the ticket id.")]
    [ToolExamples("My laptop is broken, open a ticket", "please raise a ticket, my screen keeps flickering", "I'm locked out of my account, log a ticket", "file a P1, email is down for the whole office")]
    [ToolSynonyms("priority", "urgent=P1", "critical=P1", "emergency=P1", "asap=P1", "high=P2", "important=P2", "medium=P3", "normal=P3", "low=P4", "minor=P4", "whenever=P4")]
    public async Task<string> CreateTicketAsync(
        [Description("One-line description of the problem")] string summary,
        [Description("Urgency: P1 (critical, many people blocked) to P4 (low)")] TicketPriority priority = TicketPriority.P3,
        [Description("E-mail address of the person reporting the problem")] string? requester_email = null,
        CancellationToken cancellationToken = default)
    {
        summary = (summary ?? "").Trim();
        if (summary.Length == 0)
        {
            throw new ToolArgumentException("summary must not be empty");
        }

        if (summary.Length > MaxSummaryLength)
        {
            throw new ToolArgumentException($"summary must be at most {MaxSummaryLength} characters");
        }

        if (!Enum.IsDefined(priority))
        {
            throw new ToolArgumentException("priority must be one of P1, P2, P3, P4");
        }

        if (requester_email is not null && !Email().IsMatch(requester_email))
        {
            throw new ToolArgumentException("requester_email is not a valid e-mail address");
        }

        var id = await InsertAsync(summary, priority, requester_email, cancellationToken).ConfigureAwait(false);
        var ticket = FormatId(id);
        return $"Created ticket {ticket} with priority {priority}: \"{summary}\".";
    }

    public static string FormatId(long rowId) => "IT-" + rowId.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Reads one ticket back (tests and audits); null when it does not exist.</summary>
    public async Task<(string Summary, string Priority, string? Email)?> FindAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        if (!TicketId().IsMatch(ticketId ?? ""))
        {
            return null;
        }

        var rowId = long.Parse(ticketId![3..], CultureInfo.InvariantCulture);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT summary, priority, requester_email FROM tickets WHERE id = $id";
        command.Parameters.AddWithValue("$id", rowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    private async Task<long> InsertAsync(string summary, TicketPriority priority, string? email, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO tickets (summary, priority, requester_email, created_utc) VALUES ($s, $p, $e, $t) RETURNING id";
        command.Parameters.AddWithValue("$s", summary);
        command.Parameters.AddWithValue("$p", priority.ToString());
        command.Parameters.AddWithValue("$e", (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databaseFile)!);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, summary TEXT NOT NULL, priority TEXT NOT NULL, requester_email TEXT, created_utc TEXT NOT NULL)";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    [GeneratedRegex(@"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^IT-\d{6,}$")]
    private static partial Regex TicketId();
}
