using Microsoft.Data.Sqlite;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The store file deleted (or moved away) under a running process. Pooled connections and idle search sessions keep the
/// deleted file open and would go on answering from it unseen, while every new connection would create an empty file in
/// its place (no tables: "no such table" on the next search). So once the schema exists every operation first checks
/// that the file is still there (one stat), and when it is not, drops what holds the old file and refuses with a message
/// that says how to recover, and nothing is created in its place.
/// </summary>
public sealed partial class SqliteVectorStore
{
    /// <summary>True when this store had opened its file and the file is no longer at <see cref="DatabaseFile"/>.</summary>
    public bool IsFileMissing => Volatile.Read(ref _initialized) && !File.Exists(DatabaseFile);

    private void ThrowIfFileMissing()
    {
        if (!IsFileMissing)
        {
            return;
        }

        DropIdleSessions();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        throw new StoreException(
            $"The store file '{DatabaseFile}' is gone: it was deleted or moved while this process used it. Nothing was " +
            "created in its place. Put it back (restore the file, or run orchestrator ingest to build a new one), then restart the server.");
    }

    /// <summary>Closes the idle search sessions (they hold the old file) without closing the store.</summary>
    private void DropIdleSessions()
    {
        SqliteSearchSession[] idle;
        lock (_sessionLock)
        {
            idle = [.. _idleSessions];
            _idleSessions.Clear();
        }

        foreach (var session in idle)
        {
            session.Dispose();
        }
    }
}
