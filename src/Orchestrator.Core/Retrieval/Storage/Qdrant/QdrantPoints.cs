using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The layout of our data in a Qdrant collection, kept apart from the network calls so it can be
/// unit-tested. Each chunk is a point with a dense vector, a sparse BM25 vector and its citation
/// data as payload. Each document has one marker point (no vectors) holding its fingerprint, the
/// current version and the chunk count. Chunks carry the version that wrote them, so a replace can
/// write the new version before deleting the old one.
/// </summary>
public static class QdrantPoints
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";

    public const string Kind = "kind";
    public const string ChunkKind = "chunk";
    public const string DocumentKind = "document";
    public const string Source = "source";
    public const string Version = "version";
    public const string Collection = "collection";
    public const string ChunkId = "chunk_id";
    public const string Ordinal = "ordinal";
    public const string Locator = "locator";
    public const string Text = "text";
    public const string Sha256 = "sha256";
    public const string IngestedUtc = "ingested_utc";
    public const string Chunks = "chunks";

    /// <summary>A chunk's sentence vectors (<see cref="SentenceVectorCodec"/>, base64): payload, not a named vector, so collections created before they were kept accept them.</summary>
    public const string Units = "units";

    /// <summary>On a document marker: its chunks were written with <see cref="Units"/>. Markers without it predate sentence vectors.</summary>
    public const string UnitsStored = "units_stored";

    /// <summary>Payload fields that filters use, so each gets a keyword index.</summary>
    public static readonly IReadOnlyList<string> IndexedFields = [Kind, Source, Version];

    /// <summary>A deterministic point id: a UUID from the SHA-256 of the parts, so retries overwrite rather than duplicate.</summary>
    public static Guid PointId(params string[] parts)
    {
        // Length-prefixed, so ("a:b", "c") and ("a", "b:c") cannot hash the same input.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p))));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a custom, hash-based UUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static Guid ChunkPointId(string collection, string source, string version, int ordinal) =>
        PointId(collection, source, version, ordinal.ToString(CultureInfo.InvariantCulture));

    public static Guid DocumentPointId(string collection, string source) => PointId(collection, source, DocumentKind);

    public static PointStruct ChunkPoint(string collection, string source, string version, ChunkRecord chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var vectors = new Dictionary<string, Vector> { [DenseVector] = chunk.Vector };
        var terms = SparseTerms.ForDocument(chunk.EmbeddingText);
        if (terms.Indices.Length > 0)
        {
            // A chunk without searchable words has no sparse vector rather than an empty one.
            vectors[SparseVector] = terms;
        }

        var point = new PointStruct { Id = ChunkPointId(collection, source, version, chunk.Ordinal), Vectors = vectors };
        point.Payload.Add(new Dictionary<string, Value>
        {
            [Kind] = ChunkKind,
            [Collection] = collection,
            [Source] = source,
            [Version] = version,
            [ChunkId] = SqliteVectorStore.ChunkId(collection, source, chunk.Ordinal),
            [Ordinal] = chunk.Ordinal,
            [Locator] = chunk.Locator,
            [Text] = chunk.Text,
            [Units] = Convert.ToBase64String(SentenceVectorCodec.Encode(chunk.SentenceVectors)),
        });
        return point;
    }

    /// <summary>The document marker: no vectors (so no search returns it), only payload.</summary>
    public static PointStruct DocumentPoint(string collection, StoredDocument document, string version, int chunks, DateTimeOffset ingestedUtc)
    {
        ArgumentNullException.ThrowIfNull(document);
        var point = new PointStruct { Id = DocumentPointId(collection, document.Source), Vectors = new Vectors { Vectors_ = new NamedVectors() } };
        point.Payload.Add(new Dictionary<string, Value>
        {
            [Kind] = DocumentKind,
            [Collection] = collection,
            [Source] = document.Source,
            [Version] = version,
            [Sha256] = document.ContentSha256,
            [IngestedUtc] = ingestedUtc.ToString("O", CultureInfo.InvariantCulture),
            [Chunks] = chunks,
            [UnitsStored] = true,
        });
        return point;
    }

    /// <summary>Chunks only, optionally from some sources; null when the source filter admits nothing.</summary>
    public static Filter? ChunkFilter(IReadOnlyCollection<string>? sources)
    {
        var filter = new Filter { Must = { Conditions.MatchKeyword(Kind, ChunkKind) } };
        if (sources is not null)
        {
            if (sources.Count == 0)
            {
                return null;
            }

            filter.Must.Add(Conditions.Match(Source, sources.ToList()));
        }

        return filter;
    }

    /// <summary>The chunks of a source not written by <paramref name="version"/>: what a replace deletes (never the marker).</summary>
    public static Filter OtherVersions(string source, string version) => new()
    {
        Must = { Conditions.MatchKeyword(Source, source), Conditions.MatchKeyword(Kind, ChunkKind) },
        MustNot = { Conditions.MatchKeyword(Version, version) },
    };

    /// <summary>The chunks, of any version, of these sources: what removing documents deletes first.</summary>
    public static Filter ChunksOf(IReadOnlyCollection<string> sources) => new()
    {
        Must = { Conditions.MatchKeyword(Kind, ChunkKind), Conditions.Match(Source, sources.ToList()) },
    };

    /// <summary>The document markers of these sources: what removing documents deletes last.</summary>
    public static Filter Markers(IReadOnlyCollection<string> sources) => new()
    {
        Must = { Conditions.MatchKeyword(Kind, DocumentKind), Conditions.Match(Source, sources.ToList()) },
    };

    /// <summary>Every point of a source: its marker and its chunks, of any version.</summary>
    public static Filter SourcePoints(string source) => Conditions.MatchKeyword(Source, source);

    /// <summary>The chunk count a document marker promises.</summary>
    public static int ChunkCount(MapField<string, Value> payload) => payload.TryGetValue(Chunks, out var chunks) ? (int)chunks.IntegerValue : 0;

    public static Filter Documents() => Conditions.MatchKeyword(Kind, DocumentKind);

    public static Passage ReadPassage(MapField<string, Value> payload, double score) => new()
    {
        ChunkId = String(payload, ChunkId),
        Source = String(payload, Source),
        Locator = String(payload, Locator),
        Text = String(payload, Text),
        Score = score,
    };

    /// <summary>A chunk's sentence vectors, or null when the payload has none or they do not decode.</summary>
    public static IReadOnlyList<SentenceVector>? ReadUnits(MapField<string, Value> payload)
    {
        if (!payload.TryGetValue(Units, out var value) || value.KindCase != Value.KindOneofCase.StringValue)
        {
            return null;
        }

        var bytes = new byte[value.StringValue.Length * 3 / 4];
        return Convert.TryFromBase64String(value.StringValue, bytes, out var written) ? SentenceVectorCodec.Decode(bytes.AsSpan(0, written)) : null;
    }

    /// <summary>Whether a document marker says its chunks carry sentence vectors.</summary>
    public static bool HasUnits(MapField<string, Value> payload) =>
        payload.TryGetValue(UnitsStored, out var value) && value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue;

    /// <summary>Every payload field but the sentence vectors, which only the final top hits need.</summary>
    public static WithPayloadSelector AllButUnits() => new() { Exclude = new PayloadExcludeSelector { Fields = { Units } } };

    public static SourceInfo ReadSource(MapField<string, Value> payload) => new(
        String(payload, Source),
        String(payload, Sha256),
        DateTimeOffset.Parse(String(payload, IngestedUtc), CultureInfo.InvariantCulture),
        ChunkCount(payload));

    /// <summary>The dense vector a point came back with, or null when it was not requested.</summary>
    public static float[]? ReadDense(VectorsOutput? vectors)
    {
        if (vectors?.Vectors?.Vectors.TryGetValue(DenseVector, out var output) != true)
        {
            return null;
        }

        if (output!.Dense is { } dense)
        {
            return [.. dense.Data];
        }

        // Older servers fill only the flat field the client now marks obsolete; keep reading it for them.
#pragma warning disable CS0612
        return output.Data.Count > 0 ? [.. output.Data] : null;
#pragma warning restore CS0612
    }

    public static string String(MapField<string, Value> payload, string field) =>
        payload.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue
            ? value.StringValue
            : throw new StoreException($"A Qdrant point lacks the '{field}' payload field; the collection was not written by this orchestrator. Use another store.collection_prefix.");
}
