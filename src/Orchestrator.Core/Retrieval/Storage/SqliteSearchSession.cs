using Microsoft.Data.Sqlite;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// An open SQLite connection that <see cref="SqliteVectorStore"/> keeps for searches, with the two
/// statements every search runs (the collection's generation, and the BM25 ranking) compiled once.
/// Microsoft.Data.Sqlite keeps a command's compiled statements until its text or connection changes,
/// but a command lives only as long as its connection is open, and the store opened one per call:
/// each search parsed and planned both statements again (docs/benchmarks.md, perf28). One search uses
/// a session at a time; a session that saw an error is closed, not reused.
/// </summary>
internal sealed class SqliteSearchSession : IDisposable
{
    internal const string GenerationSql = "SELECT generation, dimensions FROM collections WHERE name = $c";

    internal const string KeywordSql =
        "SELECT c.pk, c.source FROM chunks_fts JOIN chunks c ON c.pk = chunks_fts.rowid " +
        "WHERE chunks_fts MATCH $q AND c.collection = $c ORDER BY bm25(chunks_fts), c.pk LIMIT $n";

    public SqliteSearchSession(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Generation = connection.CreateCommand();
        Generation.CommandText = GenerationSql;
        Generation.Parameters.Add("$c", SqliteType.Text);
        Keyword = connection.CreateCommand();
        Keyword.CommandText = KeywordSql;
        Keyword.Parameters.Add("$q", SqliteType.Text);
        Keyword.Parameters.Add("$c", SqliteType.Text);
        Keyword.Parameters.Add("$n", SqliteType.Integer);
    }

    public SqliteConnection Connection { get; }

    /// <summary><see cref="GenerationSql"/>: bind <c>$c</c>.</summary>
    public SqliteCommand Generation { get; }

    /// <summary><see cref="KeywordSql"/>: bind <c>$q</c>, <c>$c</c> and <c>$n</c>.</summary>
    public SqliteCommand Keyword { get; }

    public void Dispose()
    {
        Generation.Dispose();
        Keyword.Dispose();
        Connection.Dispose();
    }
}
