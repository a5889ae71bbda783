using Microsoft.Data.Sqlite;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Schema of the embedded store. <c>schema_version</c> holds one row; a future version adds a
/// migration step from the previous number instead of recreating tables, so stored data survives
/// upgrades. A store written by a newer version is refused rather than modified.
/// Version 2 adds <c>chunk_units</c>: per chunk, its sentence vectors (<see cref="SentenceVectorCodec"/>).
/// A version 1 store gains the empty table; its chunks have no row there, which reads as "written
/// before sentence vectors were kept" (see <see cref="SqliteVectorStore.GetDocumentFingerprintAsync"/>).
/// </summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 2;

    private const string CreateV1 = """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS collections (
            name TEXT PRIMARY KEY,
            dimensions INTEGER NOT NULL,
            generation INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS documents (
            collection TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            ingested_utc TEXT NOT NULL,
            PRIMARY KEY (collection, source));
        CREATE TABLE IF NOT EXISTS chunks (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            collection TEXT NOT NULL,
            source TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            locator TEXT NOT NULL,
            text TEXT NOT NULL,
            vector BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks (collection, source);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');
        """;

    // A table of its own rather than a column of chunks, so the dense index's scan of chunks reads no more pages.
    private const string CreateV2 = """
        CREATE TABLE IF NOT EXISTS chunk_units (
            chunk_pk INTEGER PRIMARY KEY,
            units BLOB NOT NULL);
        """;

    public static async Task EnsureAsync(SqliteConnection connection, string file, CancellationToken cancellationToken)
    {
        // Reading the header first means a file that is not a database fails here, before anything is written.
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_master";
            await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateV1 + CreateV2;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT max(version) FROM schema_version";
            var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is long version && version > CurrentVersion)
            {
                throw new StoreException(
                    $"The store '{file}' has schema version {version}, newer than this build understands ({CurrentVersion}). " +
                    "Upgrade Orchestrator, or point store.path at another file; the store was not modified.");
            }

            if (found is not long stored || stored < CurrentVersion)
            {
                // A new file, or a version 1 file whose new table the script above just created.
                await using var upsert = connection.CreateCommand();
                upsert.Transaction = transaction;
                upsert.CommandText = $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({CurrentVersion})";
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
