using Orchestrator.Hosting;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.AspNetCore;

/// <summary>The embedded store's file, deleted or moved while the server runs: chat answers 503 and /readyz says why.</summary>
internal static class StoreFile
{
    /// <summary>What a client and the readiness probe are told; it names no path (neither needs a key), the log says the rest.</summary>
    public const string MissingReason = "the store file is missing (deleted or moved while the server ran); restore it or run orchestrator ingest, then restart the server";

    public static bool IsMissing(OrchestratorRuntime runtime) => runtime.Store is SqliteVectorStore { IsFileMissing: true };
}
