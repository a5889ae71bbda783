using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// An on-disk map from (trimmed) text to its MiniLM vector, so router experiments embed each text
/// once and then cost seconds. Layout: "RLV1", count, dimensions, then per row the UTF-8 length,
/// the text and the floats. Appended to when texts are missing.
/// </summary>
internal static class VectorFile
{
    private static readonly byte[] Magic = "RLV1"u8.ToArray();

    public static Dictionary<string, float[]> Read(string path)
    {
        var map = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return map;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        if (!reader.ReadBytes(4).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a router-lab vector file");
        }

        var count = reader.ReadInt32();
        var dims = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
            var v = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                v[d] = reader.ReadSingle();
            }

            map[text] = v;
        }

        return map;
    }

    public static void Write(string path, Dictionary<string, float[]> map)
    {
        var tmp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(tmp)))
        {
            writer.Write(Magic);
            writer.Write(map.Count);
            writer.Write(map.Count == 0 ? 0 : map.First().Value.Length);
            foreach (var (text, v) in map)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                writer.Write(bytes.Length);
                writer.Write(bytes);
                foreach (var x in v)
                {
                    writer.Write(x);
                }
            }
        }

        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Embeds the texts the file lacks in chunks, saving after each chunk so an interrupted run resumes.</summary>
    public static async Task<Dictionary<string, float[]>> EnsureAsync(string path, IEnumerable<string> texts, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var map = Read(path);
        var missing = texts.Select(t => t.Trim()).Where(t => t.Length > 0 && !map.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        const int Chunk = 1024;
        for (var start = 0; start < missing.Count; start += Chunk)
        {
            var part = missing.GetRange(start, Math.Min(Chunk, missing.Count - start));
            var vectors = await embedder.EmbedManyAsync(part).ConfigureAwait(false);
            for (var i = 0; i < part.Count; i++)
            {
                map[part[i]] = vectors[i];
            }

            Write(path, map);
            Console.Error.WriteLine($"embedded {start + part.Count} of {missing.Count} missing texts");
        }

        return map;
    }
}
