using Microsoft.Data.Sqlite;

namespace Orchestrator.Retrieval.Storage;

public sealed partial class SqliteVectorStore
{
    /// <summary>Idle search sessions kept at most; one more than this many concurrent searches closes its own when done.</summary>
    internal const int MaxIdleSearchSessions = 16;

    private readonly Lock _sessionLock = new();
    private readonly Stack<SqliteSearchSession> _idleSessions = new();
    private bool _sessionsClosed;

    /// <summary>Idle search sessions now, for tests.</summary>
    internal int IdleSearchSessions
    {
        get
        {
            lock (_sessionLock)
            {
                return _idleSessions.Count;
            }
        }
    }

    /// <summary>
    /// Runs one search on an idle <see cref="SqliteSearchSession"/> (or a new one), translating SQLite
    /// errors as <see cref="RunAsync"/> does. The session goes back for the next search only when the
    /// search succeeded; after an error its connection is closed.
    /// </summary>
    private async Task<T> RunSearchAsync<T>(Func<SqliteSearchSession, Task<T>> operation, CancellationToken cancellationToken)
    {
        ThrowIfFileMissing();
        SqliteSearchSession? session = null;
        try
        {
            session = TakeIdleSession() ?? new SqliteSearchSession(await OpenAsync(cancellationToken).ConfigureAwait(false));
            var result = await operation(session).ConfigureAwait(false);
            // The search's snapshot transaction has ended (its `await using`), so the connection is idle.
            if (ReturnSession(session))
            {
                session = null;
            }

            return result;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DatabaseFile);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Cannot use the store file '{DatabaseFile}': {ex.Message}", ex);
        }
        finally
        {
            if (session is not null)
            {
                session.Dispose();
            }
        }
    }

    private SqliteSearchSession? TakeIdleSession()
    {
        lock (_sessionLock)
        {
            return _idleSessions.TryPop(out var session) ? session : null;
        }
    }

    /// <summary>False when the store is closed or enough sessions are idle: the caller closes this one.</summary>
    private bool ReturnSession(SqliteSearchSession session)
    {
        lock (_sessionLock)
        {
            if (_sessionsClosed || _idleSessions.Count >= MaxIdleSearchSessions)
            {
                return false;
            }

            _idleSessions.Push(session);
            return true;
        }
    }

    /// <summary>Closes the idle sessions, and makes searches still running close theirs, so the file can be released.</summary>
    private void CloseSearchSessions()
    {
        SqliteSearchSession[] idle;
        lock (_sessionLock)
        {
            _sessionsClosed = true;
            idle = [.. _idleSessions];
            _idleSessions.Clear();
        }

        foreach (var session in idle)
        {
            session.Dispose();
        }
    }
}
