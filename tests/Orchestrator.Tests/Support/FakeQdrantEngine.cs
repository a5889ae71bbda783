using Grpc.Core;
using Orchestrator.Models;
using Qdrant.Client.Grpc;

namespace Orchestrator.Tests.Support;

/// <summary>
/// In-memory semantics for <see cref="FakeQdrantServer"/>: named dense (cosine) and sparse (IDF)
/// vectors, keyword payload filters, scroll paging by id, and Qdrant's error statuses. Anything the
/// store does not use is answered Unimplemented, so a new kind of request fails loudly.
/// </summary>
public sealed class FakeQdrantEngine
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);

    public CollectionExistsResponse Exists(CollectionExistsRequest request)
    {
        lock (_gate)
        {
            return new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(request.CollectionName) } };
        }
    }

    public CollectionOperationResponse Create(CreateCollection request)
    {
        lock (_gate)
        {
            if (_collections.ContainsKey(request.CollectionName))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Collection `{request.CollectionName}` already exists!"));
            }

            _collections[request.CollectionName] = new Collection(request.VectorsConfig, request.SparseVectorsConfig);
            return new CollectionOperationResponse { Result = true };
        }
    }

    public GetCollectionInfoResponse Info(GetCollectionInfoRequest request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            return new GetCollectionInfoResponse
            {
                Result = new CollectionInfo
                {
                    Status = CollectionStatus.Green,
                    PointsCount = (ulong)c.Points.Count,
                    Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = c.Vectors, SparseVectorsConfig = c.Sparse } },
                },
            };
        }
    }

    public CollectionOperationResponse Drop(DeleteCollection request)
    {
        lock (_gate)
        {
            return new CollectionOperationResponse { Result = _collections.Remove(request.CollectionName) };
        }
    }

    public PointsOperationResponse Index(CreateFieldIndexCollection request)
    {
        lock (_gate)
        {
            Find(request.CollectionName).IndexedFields.Add(request.FieldName);
            return Done();
        }
    }

    public PointsOperationResponse Upsert(UpsertPoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            var stored = request.Points.Select(p => Stored.From(p, c)).ToList(); // validate all before writing any
            foreach (var point in stored)
            {
                c.Points[point.Key] = point;
            }

            return Done();
        }
    }

    public PointsOperationResponse Delete(DeletePoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            var doomed = request.Points.PointsSelectorOneOfCase switch
            {
                PointsSelector.PointsSelectorOneOfOneofCase.Filter => c.Points.Values.Where(p => Matches(request.Points.Filter, p)).Select(p => p.Key).ToList(),
                PointsSelector.PointsSelectorOneOfOneofCase.Points => request.Points.Points.Ids.Select(Key).ToList(),
                _ => throw Unimplemented("delete selector " + request.Points.PointsSelectorOneOfCase),
            };
            doomed.ForEach(k => c.Points.Remove(k));
            return Done();
        }
    }

    public GetResponse Get(GetPoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            var response = new GetResponse();
            foreach (var id in request.Ids)
            {
                if (c.Points.TryGetValue(Key(id), out var p))
                {
                    var point = new RetrievedPoint { Id = p.Id };
                    point.Payload.Add(Selected(request.WithPayload, p));

                    response.Result.Add(point);
                }
            }

            return response;
        }
    }

    public CountResponse Count(CountPoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            return new CountResponse { Result = new CountResult { Count = (ulong)c.Points.Values.Count(p => Matches(request.Filter, p)) } };
        }
    }

    public ScrollResponse Scroll(ScrollPoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var ordered = c.Points.Values.Where(p => Matches(request.Filter, p))
                .Where(p => request.Offset is null || string.CompareOrdinal(p.Key, Key(request.Offset)) >= 0)
                .OrderBy(p => p.Key, StringComparer.Ordinal).Take(limit + 1).ToList();
            var response = new ScrollResponse();
            foreach (var p in ordered.Take(limit))
            {
                var point = new RetrievedPoint { Id = p.Id };
                point.Payload.Add(Selected(request.WithPayload, p));

                response.Result.Add(point);
            }

            if (ordered.Count > limit)
            {
                response.NextPageOffset = ordered[limit].Id;
            }

            return response;
        }
    }

    public QueryResponse Query(QueryPoints request)
    {
        lock (_gate)
        {
            var c = Find(request.CollectionName);
            if (request.Query?.VariantCase != Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
            {
                throw Unimplemented("query " + request.Query?.VariantCase);
            }

            var input = request.Query.Nearest;
            var candidates = c.Points.Values.Where(p => Matches(request.Filter, p)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var scored = input.VariantCase switch
            {
                VectorInput.VariantOneofCase.Dense => DenseScores(c, request.Using, input.Dense.Data.ToArray(), candidates),
                VectorInput.VariantOneofCase.Sparse => SparseScores(c, request.Using, input.Sparse, candidates),
                _ => throw Unimplemented("nearest " + input.VariantCase),
            };
            var response = new QueryResponse();
            foreach (var (p, score) in scored.OrderByDescending(s => s.Score).Take(request.HasLimit ? (int)request.Limit : 10))
            {
                var point = new ScoredPoint { Id = p.Id, Score = score };
                point.Payload.Add(Selected(request.WithPayload, p));

                if (request.WithVectors?.Include?.Names is { Count: > 0 } names)
                {
                    point.Vectors = new VectorsOutput { Vectors = new NamedVectorsOutput() };
                    foreach (var name in names.Where(n => p.Dense.ContainsKey(n)))
                    {
                        point.Vectors.Vectors.Vectors[name] = new VectorOutput { Dense = new DenseVector { Data = { p.Dense[name] } } };
                    }
                }

                response.Result.Add(point);
            }

            return response;
        }
    }

    private static List<(Stored Point, float Score)> DenseScores(Collection c, string name, float[] query, List<Stored> candidates)
    {
        var size = c.DenseSize(name);
        if (query.Length != size)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {query.Length}"));
        }

        var unit = VectorMath.Normalize(query);
        return candidates.Where(p => p.Dense.ContainsKey(name)).Select(p => (p, VectorMath.Dot(unit, p.Dense[name]))).ToList();
    }

    /// <summary>Qdrant's IDF modifier: idf = ln(1 + (N - n + 0.5) / (n + 0.5)) over points that have the sparse vector.</summary>
    private static List<(Stored Point, float Score)> SparseScores(Collection c, string name, SparseVector query, List<Stored> candidates)
    {
        if (!c.Sparse.Map.TryGetValue(name, out var config))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
        }

        var all = c.Points.Values.Where(p => p.Sparse.ContainsKey(name)).ToList();
        double Idf(uint index)
        {
            if (config.Modifier != Modifier.Idf)
            {
                return 1;
            }

            var n = all.Count(p => p.Sparse[name].ContainsKey(index));
            return Math.Log(1 + ((all.Count - n + 0.5) / (n + 0.5)));
        }

        var terms = query.Indices.Zip(query.Values).ToList();
        return candidates.Where(p => p.Sparse.TryGetValue(name, out var v) && terms.Any(t => v.ContainsKey(t.First)))
            .Select(p => (p, (float)terms.Sum(t => p.Sparse[name].TryGetValue(t.First, out var w) ? t.Second * w * Idf(t.First) : 0)))
            .ToList();
    }

    /// <summary>Qdrant's payload selector: all fields, none, only the included ones, or all but the excluded ones.</summary>
    private static Dictionary<string, Value> Selected(WithPayloadSelector? selector, Stored point) => selector?.SelectorOptionsCase switch
    {
        WithPayloadSelector.SelectorOptionsOneofCase.Enable when selector.Enable => point.Payload,
        WithPayloadSelector.SelectorOptionsOneofCase.Include => point.Payload.Where(f => selector.Include.Fields.Contains(f.Key)).ToDictionary(),
        WithPayloadSelector.SelectorOptionsOneofCase.Exclude => point.Payload.Where(f => !selector.Exclude.Fields.Contains(f.Key)).ToDictionary(),
        _ => [],
    };

    private static bool Matches(Filter? filter, Stored point) =>
        filter is null
        || (filter.Must.All(c => Matches(c, point))
            && !filter.MustNot.Any(c => Matches(c, point))
            && (filter.Should.Count == 0 || filter.Should.Any(c => Matches(c, point))));

    private static bool Matches(Condition condition, Stored point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point),
        _ => throw Unimplemented("condition " + condition.ConditionOneOfCase),
    };

    private static bool Matches(FieldCondition field, Stored point)
    {
        var value = point.Payload.TryGetValue(field.Key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;
        return field.Match?.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => value == field.Match.Keyword,
            Match.MatchValueOneofCase.Keywords => value is not null && field.Match.Keywords.Strings.Contains(value),
            _ => throw Unimplemented("match " + field.Match?.MatchValueCase),
        };
    }

    private Collection Find(string name) =>
        _collections.TryGetValue(name, out var c) ? c : throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    private static PointsOperationResponse Done() => new() { Result = new UpdateResult { Status = UpdateStatus.Completed } };

    private static string Key(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid ? id.Uuid : id.Num.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private static RpcException Unimplemented(string what) => new(new Status(StatusCode.Unimplemented, $"the fake Qdrant does not implement {what}"));

    private sealed class Collection(VectorsConfig vectors, SparseVectorConfig? sparse)
    {
        public VectorsConfig Vectors { get; } = vectors;

        public SparseVectorConfig Sparse { get; } = sparse ?? new SparseVectorConfig();

        public Dictionary<string, Stored> Points { get; } = new(StringComparer.Ordinal);

        public HashSet<string> IndexedFields { get; } = [];

        public int DenseSize(string name) => Vectors.ParamsMap?.Map.TryGetValue(name, out var p) == true
            ? (int)p.Size
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
    }

    private sealed class Stored
    {
        public required PointId Id { get; init; }

        public required string Key { get; init; }

        public Dictionary<string, Value> Payload { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, float[]> Dense { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<uint, float>> Sparse { get; } = new(StringComparer.Ordinal);

        public static Stored From(PointStruct point, Collection c)
        {
            if (point.Vectors?.VectorsOptionsCase != Vectors.VectorsOptionsOneofCase.Vectors_)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: the collection has named vectors; an unnamed vector was sent"));
            }

            var stored = new Stored { Id = point.Id, Key = FakeQdrantEngine.Key(point.Id) };
            foreach (var (key, value) in point.Payload)
            {
                stored.Payload[key] = value.Clone();
            }

            foreach (var (name, vector) in point.Vectors.Vectors_.Vectors)
            {
                if (c.Sparse.Map.ContainsKey(name))
                {
                    var (values, indices) = SparseOf(vector);
                    if (indices.Distinct().Count() != indices.Length || values.Length != indices.Length)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: sparse vector indices must be unique and match the values"));
                    }

                    stored.Sparse[name] = indices.Zip(values).ToDictionary(t => t.First, t => t.Second);
                }
                else
                {
                    var data = DenseOf(vector);
                    var size = c.DenseSize(name);
                    if (data.Length != size)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {data.Length}"));
                    }

                    stored.Dense[name] = VectorMath.Normalize(data); // cosine collections store unit vectors
                }
            }

            return stored;
        }

        // The client fills the typed fields or, in older releases, the flat deprecated ones; accept both.
#pragma warning disable CS0612
        private static float[] DenseOf(Vector v) => v.Dense is { } d ? [.. d.Data] : [.. v.Data];

        private static (float[] Values, uint[] Indices) SparseOf(Vector v) =>
            v.Sparse is { } s ? ([.. s.Values], [.. s.Indices]) : ([.. v.Data], [.. v.Indices?.Data ?? []]);
#pragma warning restore CS0612
    }
}
