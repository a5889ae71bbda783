using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Keeps encoder vectors on disk by the SHA-256 of the text, so retraining (another target rate,
/// another data mix) does not encode the same texts again. Append-only: one record per text,
/// 32 hash bytes then the floats. A cache from another encoder (other dimensions) is ignored.
/// </summary>
internal sealed class EmbeddingFileCache : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner;
    private readonly string _path;
    private readonly int _dimensions;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public EmbeddingFileCache(IEmbeddingGenerator<string, Embedding<float>> inner, string path, int dimensions)
    {
        _inner = inner;
        _path = path;
        _dimensions = dimensions;
        Load();
    }

    public int Count => _vectors.Count;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        var keys = inputs.Select(Key).ToArray();
        var missing = Enumerable.Range(0, inputs.Length).Where(i => !_vectors.ContainsKey(keys[i])).ToArray();
        if (missing.Length > 0)
        {
            var fresh = await _inner.GenerateAsync(missing.Select(i => inputs[i]), options, cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write);
            for (var j = 0; j < missing.Length; j++)
            {
                var vector = fresh[j].Vector.ToArray();
                if (_vectors.TryAdd(keys[missing[j]], vector))
                {
                    file.Write(Convert.FromHexString(keys[missing[j]]));
                    var bytes = new byte[vector.Length * sizeof(float)];
                    Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                    file.Write(bytes);
                }
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        result.AddRange(keys.Select(k => new Embedding<float>(_vectors[k])));
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The inner generator belongs to the caller.
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        var record = 32 + (_dimensions * sizeof(float));
        var bytes = File.ReadAllBytes(_path);
        if (bytes.Length % record != 0)
        {
            // Another encoder's cache, or a torn write: start afresh rather than read garbage.
            File.Delete(_path);
            return;
        }

        for (var offset = 0; offset < bytes.Length; offset += record)
        {
            var vector = new float[_dimensions];
            Buffer.BlockCopy(bytes, offset + 32, vector, 0, _dimensions * sizeof(float));
            _vectors[Convert.ToHexString(bytes, offset, 32)] = vector;
        }
    }
}
