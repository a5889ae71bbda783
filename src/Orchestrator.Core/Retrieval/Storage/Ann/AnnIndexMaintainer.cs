using System.Diagnostics;
using System.Runtime.CompilerServices;
using Cloud.Unum.USearch;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Gives each new generation of a large collection its graph: loaded from the file beside the
/// database when that was built from the same content, otherwise built (in the background unless
/// <see cref="AnnIndexOptions.BuildInline"/>) and saved. Until the graph is attached the exact scan
/// answers, so a search is never wrong or blocked by a build; when the native library cannot be
/// loaded, the exact scan answers for good and that is logged once.
/// </summary>
internal sealed partial class AnnIndexMaintainer(string databaseFile, AnnIndexOptions options, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _work = new(StringComparer.Ordinal);
    private int _nativeUnavailable;

    public bool NativeUnavailable => Volatile.Read(ref _nativeUnavailable) != 0;

    /// <summary>Starts giving <paramref name="index"/> (the collection's new current generation) its graph, when it is large enough.</summary>
    public void Prepare(string collection, DenseIndex index)
    {
        if (!options.Enabled || index.Count < options.MinChunks || NativeUnavailable || _stopping.IsCancellationRequested)
        {
            return;
        }

        if (options.BuildInline)
        {
            Attach(collection, index, _stopping.Token);
            return;
        }

        // The task kept in _work must not keep a replaced generation's vectors alive: the job lets go of them when done.
        var job = new StrongBox<DenseIndex?>(index);
        lock (_gate)
        {
            var previous = _work.GetValueOrDefault(collection) ?? Task.CompletedTask;

            // One build per collection at a time: a newer generation waits for the older build, then finds itself current or not.
            _work[collection] = previous.ContinueWith(_ =>
            {
                try
                {
                    if (job.Value is { } pending)
                    {
                        Attach(collection, pending, _stopping.Token);
                    }
                }
                finally
                {
                    job.Value = null;
                }
            }, _stopping.Token, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>Completes when the work started for <paramref name="collection"/> so far is done.</summary>
    public Task WhenIdleAsync(string collection)
    {
        lock (_gate)
        {
            return (_work.GetValueOrDefault(collection) ?? Task.CompletedTask).ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>Stops waiting builds; the token source is not disposed, as a build that is still running may read its token.</summary>
    public void Dispose() => _stopping.Cancel();

    private void Attach(string collection, DenseIndex index, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || NativeUnavailable || index.IsRetired)
        {
            return;
        }

        var file = new AnnIndexFile(databaseFile, collection);
        try
        {
            var fingerprint = AnnIndexFile.ContentFingerprint(index);
            var problem = file.Check(fingerprint, index.Count, index.Dimensions);
            if (problem is null && TryLoad(file, index, collection) is { } loaded)
            {
                index.TryAttach(loaded, options.ExpansionSearch);
                LogLoaded(logger, collection, index.Count, file.GraphPath);
                return;
            }

            LogBuilding(logger, collection, index.Count, problem ?? "the index file could not be loaded");
            var started = Stopwatch.GetTimestamp();
            var graph = AnnGraph.Build(index, options.NewNativeIndex ?? AnnGraph.NewNative, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            try
            {
                file.Save(graph, fingerprint, index.Generation, index.Count, index.Dimensions);
                LogBuilt(logger, collection, index.Count, seconds, file.GraphPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or USearchException)
            {
                LogNotSaved(logger, collection, file.GraphPath, ex.Message);
            }

            index.TryAttach(graph, options.ExpansionSearch);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The store is closing.
        }
        catch (Exception ex) when (IsNativeLibraryMissing(ex))
        {
            if (Interlocked.Exchange(ref _nativeUnavailable, 1) == 0)
            {
                LogNativeUnavailable(logger, ex.GetType().Name, ex.Message);
            }
        }
        catch (Exception ex)
        {
            // Whatever the library or the disk throws, a search must still be answered: by the exact scan.
            LogFailed(logger, collection, ex.Message);
        }
    }

    /// <summary>A graph from a file that passed its checks; null (logged) when the library still refuses it.</summary>
    private AnnGraph? TryLoad(AnnIndexFile file, DenseIndex index, string collection)
    {
        if (options.NewNativeIndex is not null)
        {
            return null; // a stand-in library cannot load real files
        }

        try
        {
            return AnnGraph.Load(file.GraphPath, index.Count, index.Dimensions);
        }
        catch (Exception ex) when (ex is USearchException or InvalidDataException or IOException)
        {
            LogLoadFailed(logger, collection, file.GraphPath, ex.Message);
            return null;
        }
    }

    private static bool IsNativeLibraryMissing(Exception ex) =>
        ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
        || (ex is TypeInitializationException { InnerException: { } inner } && IsNativeLibraryMissing(inner));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The approximate dense index is off: the USearch native library could not be loaded ({Error}: {Reason}). The SQLite store answers every search with its exact scan, which is slower for large collections but complete.")]
    private static partial void LogNativeUnavailable(ILogger logger, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the approximate dense index of collection {Collection} ({Chunks} chunks) because {Reason}; the exact scan answers until it is ready")]
    private static partial void LogBuilding(ILogger logger, string collection, int chunks, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the approximate dense index of collection {Collection} ({Chunks} chunks) in {Seconds:F1} s; saved to {Path}")]
    private static partial void LogBuilt(ILogger logger, string collection, int chunks, double seconds, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded the approximate dense index of collection {Collection} ({Chunks} chunks) from {Path}")]
    private static partial void LogLoaded(ILogger logger, string collection, int chunks, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The approximate dense index file {Path} of collection {Collection} passed its checks but could not be loaded ({Reason}); rebuilding it")]
    private static partial void LogLoadFailed(ILogger logger, string collection, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The approximate dense index of collection {Collection} could not be saved to {Path} ({Reason}); it is used in memory and rebuilt by the next process")]
    private static partial void LogNotSaved(ILogger logger, string collection, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The approximate dense index of collection {Collection} could not be built ({Reason}); the exact scan answers")]
    private static partial void LogFailed(ILogger logger, string collection, string reason);
}
