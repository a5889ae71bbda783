using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The embedded store: one SQLite file (WAL mode, busy timeout) holding documents, chunks with
/// float32 vectors, and an FTS5 index for BM25. Search fuses a dense ranking (exact dot products over
/// a cached in-memory matrix) with the BM25 ranking by reciprocal rank fusion. The cache is keyed by
/// a per-collection generation that every write bumps, so other processes' writes are seen too.
/// </summary>
public sealed partial class SqliteVectorStore : IVectorStore, IDisposable
{
    /// <summary>How many candidates each ranking contributes to fusion, at least.</summary>
    private const int MinCandidates = 50;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly Lock _cacheLock = new();
    private readonly Dictionary<string, DenseIndex> _denseCache = new(StringComparer.Ordinal);
    private readonly AnnIndexMaintainer _ann;

    /// <summary>
    /// The busy timeout each native connection was last given, across all stores in the process: two
    /// stores with equal connection strings share pooled connections but may want different timeouts.
    /// Weak, so a handle the pool closes is forgotten.
    /// </summary>
    private static readonly ConditionalWeakTable<object, StrongBox<int>> BusyTimeouts = new();
    private bool _initialized;

    public SqliteVectorStore(string databaseFile, TimeSpan? busyTimeout = null)
        : this(databaseFile, AnnIndexOptions.Default, busyTimeout)
    {
    }

    /// <summary>
    /// A store whose collections of at least <see cref="AnnIndexOptions.MinChunks"/> chunks are searched
    /// through an HNSW graph persisted beside <paramref name="databaseFile"/> (see <see cref="AnnIndexOptions"/>).
    /// </summary>
    public SqliteVectorStore(string databaseFile, AnnIndexOptions ann, TimeSpan? busyTimeout = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        ArgumentNullException.ThrowIfNull(ann);
        ann.Validate();
        DatabaseFile = Path.GetFullPath(databaseFile);
        BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = Math.Max(1, (int)BusyTimeout.TotalSeconds),
            Pooling = true,
        }.ToString();
        Ann = ann;
        _ann = new AnnIndexMaintainer(DatabaseFile, ann, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteVectorStore>());
    }

    public string DatabaseFile { get; }

    public TimeSpan BusyTimeout { get; }

    /// <summary>When collections are searched through an approximate graph instead of the exact scan.</summary>
    public AnnIndexOptions Ann { get; }

    public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
            var existing = await DimensionsAsync(connection, collection, null, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                await ExecuteAsync(connection, null, "INSERT OR IGNORE INTO collections (name, dimensions) VALUES ($c, $d)", cancellationToken, ("$c", collection), ("$d", dimensions)).ConfigureAwait(false);
            }
            else if (existing != dimensions)
            {
                throw new StoreException(
                    $"Collection '{collection}' in '{DatabaseFile}' holds {existing}-dimensional vectors, but the embedder makes {dimensions}. " +
                    "Use the embedder it was built with, or re-ingest into a new collection.");
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// The stored fingerprint, or null when the document is unknown or was written by a version 1
    /// store (a chunk without a <c>chunk_units</c> row): such a document reads as changed, so the next
    /// ingest rewrites it with sentence vectors. Until then its passages simply carry none.
    /// </summary>
    public Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection, null,
                "SELECT d.sha256 FROM documents d WHERE d.collection = $c AND d.source = $s AND NOT EXISTS (" +
                "SELECT 1 FROM chunks c LEFT JOIN chunk_units u ON u.chunk_pk = c.pk WHERE c.collection = d.collection AND c.source = d.source AND u.chunk_pk IS NULL)",
                ("$c", collection), ("$s", source));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken);

    public Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            // BeginTransaction takes the write lock up front (BEGIN IMMEDIATE), so a concurrent writer waits instead of failing mid-way.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var dimensions = await DimensionsAsync(connection, collection, transaction, cancellationToken).ConfigureAwait(false)
                ?? throw new StoreException($"Collection '{collection}' does not exist in '{DatabaseFile}'; call EnsureCollectionAsync first.");
            if (chunks.FirstOrDefault(c => c.Vector.Length != dimensions) is { } wrong)
            {
                throw new StoreException($"Chunk {wrong.Ordinal} of '{document.Source}' has a {wrong.Vector.Length}-dimensional vector; collection '{collection}' needs {dimensions}.");
            }

            foreach (var chunk in chunks)
            {
                SentenceVectorCodec.Validate(chunk, document.Source, dimensions, $"collection '{collection}'");
            }

            await DeleteSourceAsync(connection, transaction, collection, document.Source, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO documents (collection, source, sha256, ingested_utc) VALUES ($c, $s, $h, $t) " +
                "ON CONFLICT (collection, source) DO UPDATE SET sha256 = excluded.sha256, ingested_utc = excluded.ingested_utc",
                cancellationToken, ("$c", collection), ("$s", document.Source), ("$h", document.ContentSha256),
                ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
            await InsertChunksAsync(connection, transaction, collection, document.Source, chunks, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "UPDATE collections SET generation = generation + 1 WHERE name = $c", cancellationToken, ("$c", collection)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Removes the documents in one transaction with one generation bump, so a crash removes all or
    /// none of them and every process's dense index (and approximate graph) is rebuilt without them.
    /// </summary>
    public Task<int> RemoveDocumentsAsync(string collection, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            ArgumentNullException.ThrowIfNull(sources);
            if (sources.Count == 0)
            {
                return 0;
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var deleteDocument = Command(connection, transaction, "DELETE FROM documents WHERE collection = $c AND source = $s", ("$c", collection), ("$s", ""));
            var removed = 0;
            foreach (var source in sources.Distinct(StringComparer.Ordinal))
            {
                await DeleteSourceAsync(connection, transaction, collection, source, cancellationToken).ConfigureAwait(false);
                deleteDocument.Parameters["$s"].Value = source;
                removed += await deleteDocument.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (removed > 0)
            {
                await ExecuteAsync(connection, transaction, "UPDATE collections SET generation = generation + 1 WHERE name = $c", cancellationToken, ("$c", collection)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return removed;
        }, cancellationToken);

    public Task<int> CountAsync(string collection, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT count(*) FROM chunks WHERE collection = $c", ("$c", collection));
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<SourceInfo>>(async connection =>
        {
            await using var command = Command(connection, null,
                "SELECT d.source, d.sha256, d.ingested_utc, (SELECT count(*) FROM chunks c WHERE c.collection = d.collection AND c.source = d.source) " +
                "FROM documents d WHERE d.collection = $c ORDER BY d.source", ("$c", collection));
            var sources = new List<SourceInfo>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sources.Add(new SourceInfo(reader.GetString(0), reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetInt32(3)));
            }

            return sources;
        }, cancellationToken);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        CloseSearchSessions();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _initGate.Dispose();
        _ann.Dispose();
        lock (_cacheLock)
        {
            foreach (var index in _denseCache.Values)
            {
                index.Dispose();
            }

            _denseCache.Clear();
        }
    }

    /// <summary>Stable chunk id: a hash of collection and source, plus the ordinal within the source.</summary>
    internal static string ChunkId(string collection, string source, int ordinal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(collection + "\n" + source));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8)) + "-" + ordinal.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task DeleteSourceAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, string source, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            "DELETE FROM chunks_fts WHERE rowid IN (SELECT pk FROM chunks WHERE collection = $c AND source = $s)",
            cancellationToken, ("$c", collection), ("$s", source)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "DELETE FROM chunk_units WHERE chunk_pk IN (SELECT pk FROM chunks WHERE collection = $c AND source = $s)",
            cancellationToken, ("$c", collection), ("$s", source)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM chunks WHERE collection = $c AND source = $s",
            cancellationToken, ("$c", collection), ("$s", source)).ConfigureAwait(false);
    }

    private static async Task InsertChunksAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, string source, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken)
    {
        await using var insertChunk = Command(connection, transaction,
            "INSERT INTO chunks (id, collection, source, ordinal, locator, text, vector) VALUES ($id, $c, $s, $o, $l, $t, $v) RETURNING pk",
            ("$id", ""), ("$c", collection), ("$s", source), ("$o", 0), ("$l", ""), ("$t", ""), ("$v", Array.Empty<byte>()));
        await using var insertFts = Command(connection, transaction, "INSERT INTO chunks_fts (rowid, body) VALUES ($pk, $b)", ("$pk", 0L), ("$b", ""));
        await using var insertUnits = Command(connection, transaction, "INSERT INTO chunk_units (chunk_pk, units) VALUES ($pk, $u)", ("$pk", 0L), ("$u", Array.Empty<byte>()));
        foreach (var chunk in chunks)
        {
            insertChunk.Parameters["$id"].Value = ChunkId(collection, source, chunk.Ordinal);
            insertChunk.Parameters["$o"].Value = chunk.Ordinal;
            insertChunk.Parameters["$l"].Value = chunk.Locator;
            insertChunk.Parameters["$t"].Value = chunk.Text;
            insertChunk.Parameters["$v"].Value = MemoryMarshal.AsBytes(chunk.Vector.AsSpan()).ToArray();
            var pk = (long)(await insertChunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            insertFts.Parameters["$pk"].Value = pk;
            insertFts.Parameters["$b"].Value = chunk.EmbeddingText;
            await insertFts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            insertUnits.Parameters["$pk"].Value = pk;
            insertUnits.Parameters["$u"].Value = SentenceVectorCodec.Encode(chunk.SentenceVectors);
            await insertUnits.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int?> DimensionsAsync(SqliteConnection connection, string collection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT dimensions FROM collections WHERE name = $c", ("$c", collection));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long d ? (int)d : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection (creating the schema once) and runs one operation, translating SQLite errors.</summary>
    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        ThrowIfFileMissing();
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await operation(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DatabaseFile);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Cannot use the store file '{DatabaseFile}': {ex.Message}", ex);
        }
    }

    /// <summary>An open connection from the pool, with its busy timeout set and the schema created once.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _initialized))
        {
            // Only until the schema exists: afterwards the folder is there, and a search need not ask the file system.
            var folder = Path.GetDirectoryName(DatabaseFile);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ConfigureAsync(connection, cancellationToken).ConfigureAwait(false);
            await EnsureInitializedAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The busy timeout (milliseconds) of the connection a store call gets from the pool, for tests.</summary>
    internal Task<long> BusyTimeoutOfPooledConnectionAsync(CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection, null, "PRAGMA busy_timeout");
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <summary>
    /// Sets the busy timeout once per SQLite connection. Pooled connections keep their native handle,
    /// and the setting lives on the handle, so running the pragma on every open (as before) cost a
    /// statement per store call (a search made four) for nothing.
    /// </summary>
    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var handle = connection.Handle;
        var milliseconds = (int)BusyTimeout.TotalMilliseconds;
        if (handle is not null && BusyTimeouts.TryGetValue(handle, out var current) && current.Value == milliseconds)
        {
            return;
        }

        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA busy_timeout = {milliseconds}";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (handle is not null)
        {
            BusyTimeouts.AddOrUpdate(handle, new StrongBox<int>(milliseconds));
        }
    }

    private async Task EnsureInitializedAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await SqliteSchema.EnsureAsync(connection, DatabaseFile, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _initialized, true);
            }
        }
        finally
        {
            _initGate.Release();
        }
    }
}
