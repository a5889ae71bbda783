using Orchestrator.Configuration;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// How our collection names map to Qdrant's. Qdrant rejects names with path-like characters, so
/// the prefix is restricted to a safe set and each collection name is checked before any call.
/// </summary>
public static class QdrantNames
{
    // Qdrant's limit on collection names; the prefix and our name together must fit.
    private const int MaxCollectionLength = 255;

    /// <summary>The Qdrant collection name for one of ours, or a <see cref="StoreException"/> saying what to change.</summary>
    public static string Collection(string prefix, string collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var name = prefix + collection;
        if (collection.Length == 0 || name.Length > MaxCollectionLength || !QdrantNameRules.IsSafe(collection))
        {
            throw new StoreException(
                $"Collection name '{collection}' cannot be used with Qdrant: use letters, digits, '_', '-' and '.' only, " +
                $"at most {MaxCollectionLength - prefix.Length} characters.");
        }

        return name;
    }
}
