using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// A collection's graph persisted next to the SQLite file: <c>store.db.&lt;collection hash&gt;.hnsw</c>
/// and its metadata (<c>.hnsw.json</c>), which records what the graph was built from (a SHA-256 of
/// the collection's keys and vectors) and a SHA-256 of the graph file itself. A graph is loaded only
/// when both match: a stale graph (other content) or a damaged file (other bytes) is rebuilt, never
/// handed to the native loader, which does not check what it reads.
/// </summary>
internal sealed class AnnIndexFile(string databaseFile, string collection)
{
    private const int Format = 1;

    public string GraphPath { get; } = databaseFile + "." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(collection)).AsSpan(0, 8)) + ".hnsw";

    public string MetadataPath => GraphPath + ".json";

    /// <summary>What a graph over <paramref name="index"/> must have been built from: its keys, in row order, and vectors.</summary>
    public static string ContentFingerprint(DenseIndex index)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(index.Dimensions));
        hash.AppendData(MemoryMarshal.AsBytes(index.Keys.AsSpan()));
        for (var row = 0; row < index.Count; row++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(index.Vector(row)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Null when the files hold a usable graph of this content; otherwise why not, for the log.</summary>
    public string? Check(string contentFingerprint, int count, int dimensions)
    {
        if (!File.Exists(MetadataPath) || !File.Exists(GraphPath))
        {
            return "there is no index file yet";
        }

        AnnIndexMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<AnnIndexMetadata>(File.ReadAllBytes(MetadataPath));
        }
        catch (JsonException ex)
        {
            return $"its metadata file is unreadable ({ex.Message})";
        }

        if (metadata is null || metadata.Format != Format)
        {
            return "its metadata file is of another format";
        }

        if (metadata.ContentSha256 != contentFingerprint || metadata.Count != count || metadata.Dimensions != dimensions)
        {
            return $"it was built from other content (generation {metadata.Generation}, {metadata.Count} chunks); the collection has changed since";
        }

        if (new FileInfo(GraphPath).Length != metadata.GraphBytes || FileSha256(GraphPath) != metadata.GraphSha256)
        {
            return "the index file is damaged (its checksum does not match its metadata)";
        }

        return null;
    }

    /// <summary>Writes graph and metadata under temporary names first, so a reader never sees half a file.</summary>
    public void Save(AnnGraph graph, string contentFingerprint, long generation, int count, int dimensions)
    {
        var suffix = "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var graphTemp = GraphPath + suffix;
        var metadataTemp = MetadataPath + suffix;
        try
        {
            graph.Save(graphTemp);
            var metadata = new AnnIndexMetadata
            {
                Format = Format,
                Generation = generation,
                Count = count,
                Dimensions = dimensions,
                ContentSha256 = contentFingerprint,
                GraphBytes = new FileInfo(graphTemp).Length,
                GraphSha256 = FileSha256(graphTemp),
            };
            File.WriteAllBytes(metadataTemp, JsonSerializer.SerializeToUtf8Bytes(metadata));

            // Metadata last: until it moves, the old metadata no longer matches the new graph's checksum, so nobody loads a mix.
            File.Move(graphTemp, GraphPath, overwrite: true);
            File.Move(metadataTemp, MetadataPath, overwrite: true);
        }
        finally
        {
            File.Delete(graphTemp);
            File.Delete(metadataTemp);
        }
    }

    private static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
