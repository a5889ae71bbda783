using Grpc.Core;

namespace Orchestrator.Retrieval.Storage;

/// <summary>Turns gRPC failures into <see cref="StoreException"/>s that name the server and say what to do.</summary>
internal static class QdrantErrors
{
    public static StoreException Translate(RpcException ex, Uri url, string operation) => ex.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => new StoreException(
            $"Cannot reach Qdrant at {url} ({operation}: {ex.Status.Detail}). Start it (docker compose up -d qdrant) " +
            "or fix store.url in the configuration; the gRPC port is usually 6334, not the REST port 6333.", ex),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => new StoreException(
            $"Qdrant at {url} refused the request ({operation}: {ex.Status.Detail}). Set the API key in the environment variable " +
            "named by store.api_key_env, and check that the key may read and write.", ex),
        _ => new StoreException($"Qdrant at {url} failed to {operation}: {ex.StatusCode}: {ex.Status.Detail}", ex),
    };

    /// <summary>
    /// The server could not be reached or did not answer in time: Unavailable, DeadlineExceeded, or a status the client
    /// made up itself from a failed HTTP exchange (it carries the <see cref="Status.DebugException"/>; a server's reply never
    /// does), as when a connection the server closed is reset mid-call.
    /// </summary>
    public static bool IsUnreachable(RpcException ex) =>
        ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded || ex.Status.DebugException is not null;

    /// <summary>A read of a collection that does not exist: the store treats it as empty, as SQLite does.</summary>
    public static bool IsMissingCollection(RpcException ex) =>
        ex.StatusCode == StatusCode.NotFound
        || (ex.StatusCode == StatusCode.InvalidArgument && ex.Status.Detail.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase));

    public static bool IsAlreadyExists(RpcException ex) =>
        ex.StatusCode == StatusCode.AlreadyExists
        || (ex.StatusCode == StatusCode.InvalidArgument && ex.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase));
}
