using Microsoft.Data.Sqlite;

namespace Orchestrator.Retrieval.Storage;

/// <summary>Turns SQLite error codes into messages that name the file and the fix.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static StoreException Translate(SqliteException ex, string file) => ex.SqliteErrorCode switch
    {
        NotADatabase or Corrupt => new StoreException(
            $"The store file '{file}' is not a valid SQLite database (corrupt, or another kind of file). " +
            "It was left untouched: move it aside (or restore a backup) and ingest again, or set store.path to another file.", ex),
        Busy or Locked => new StoreException(
            $"The store file '{file}' is locked by another process or connection. " +
            "Wait for the other ingest or server to finish, or stop it, then retry.", ex),
        ReadOnly or CantOpen => new StoreException(
            $"The store file '{file}' cannot be opened for writing ({ex.Message}). Check the folder exists and that you have permission.", ex),
        _ => new StoreException($"Store error in '{file}': {ex.Message}", ex),
    };
}
