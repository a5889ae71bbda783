using System.Globalization;
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

    /// <summary>
    /// Without its LIMIT, which is written in as a number: SQLite hands a LIMIT to FTS5's planner, and a
    /// LIMIT that is a bound parameter makes it recompile the statement on every execution with a new
    /// binding (measured: one re-prepare per run with <c>LIMIT $n</c>, none with a number).
    /// </summary>
    internal const string KeywordSqlWithoutLimit =
        "SELECT c.pk, c.source FROM chunks_fts JOIN chunks c ON c.pk = chunks_fts.rowid " +
        "WHERE chunks_fts MATCH $q AND c.collection = $c ORDER BY bm25(chunks_fts), c.pk LIMIT ";

    /// <summary>Distinct limits kept compiled per session (a store's searches use one or two: top-k x 4, x 8 with a source filter).</summary>
    internal const int MaxKeywordLimits = 4;

    private readonly Dictionary<int, SqliteCommand> _keyword = [];

    public SqliteSearchSession(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Generation = connection.CreateCommand();
        Generation.CommandText = GenerationSql;
        Generation.Parameters.Add("$c", SqliteType.Text);
    }

    public SqliteConnection Connection { get; }

    /// <summary><see cref="GenerationSql"/>: bind <c>$c</c>.</summary>
    public SqliteCommand Generation { get; }

    /// <summary>
    /// The BM25 ranking with <paramref name="limit"/> rows at most: bind <c>$q</c> and <c>$c</c>. Kept
    /// compiled (<paramref name="owned"/> false) for up to <see cref="MaxKeywordLimits"/> limits; any
    /// other limit gets a command of its own, which the caller disposes.
    /// </summary>
    public SqliteCommand Keyword(int limit, out bool owned)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (_keyword.TryGetValue(limit, out var kept))
        {
            owned = false;
            return kept;
        }

        var command = Connection.CreateCommand();
        command.CommandText = KeywordSqlWithoutLimit + limit.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add("$q", SqliteType.Text);
        command.Parameters.Add("$c", SqliteType.Text);
        owned = _keyword.Count >= MaxKeywordLimits;
        if (!owned)
        {
            _keyword[limit] = command;
        }

        return command;
    }

    public void Dispose()
    {
        Generation.Dispose();
        foreach (var command in _keyword.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
