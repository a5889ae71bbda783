using Microsoft.Data.Sqlite;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Escalation.Budget;

/// <summary>The budget file's schema and the translation of SQLite failures into messages naming the file.</summary>
internal static class BudgetSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA busy_timeout = 5000;
        CREATE TABLE IF NOT EXISTS budget_entries (
            id TEXT PRIMARY KEY,
            day TEXT NOT NULL,
            tenant TEXT NOT NULL,
            usd REAL NOT NULL,
            settled INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS budget_entries_day ON budget_entries (day, tenant);
        """;

    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    public static StoreException Translate(SqliteException ex, string file) => ex.SqliteErrorCode switch
    {
        NotADatabase or Corrupt => new StoreException(
            $"The budget file '{file}' is not a valid SQLite database (corrupt, or another kind of file). " +
            "It was left untouched, because recreating it would reset today's cloud spend: restore a backup, " +
            "or move it aside to start counting from zero.", ex),
        _ => SqliteErrors.Translate(ex, file),
    };
}
