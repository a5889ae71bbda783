using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The stored form of a chunk's sentence vectors, shared by the SQLite column and the Qdrant payload:
/// a format byte, the unit count and dimensions, then each text (UTF-8, length-prefixed), then the
/// vectors as little-endian float32. About 4 bytes per dimension per unit plus the text, against
/// 8+ for the same floats as JSON numbers.
/// </summary>
internal static class SentenceVectorCodec
{
    private const byte Format = 1;

    public static byte[] Encode(IReadOnlyList<SentenceVector>? units)
    {
        units ??= [];
        var dimensions = units.Count == 0 ? 0 : units[0].Vector.Length;
        var texts = units.Select(u => Encoding.UTF8.GetBytes(u.Text)).ToList();
        var bytes = new byte[9 + texts.Sum(t => 4 + t.Length) + (units.Count * dimensions * 4)];
        var span = bytes.AsSpan();
        span[0] = Format;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], units.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], dimensions);
        var at = 9;
        foreach (var text in texts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], text.Length);
            text.CopyTo(span[(at + 4)..]);
            at += 4 + text.Length;
        }

        foreach (var unit in units)
        {
            foreach (var value in unit.Vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[at..], value);
                at += 4;
            }
        }

        return bytes;
    }

    /// <summary>
    /// The units, or null when there are none or the bytes are not a valid encoding (a damaged row
    /// must cost only speed: callers then embed the passage as if nothing were stored).
    /// </summary>
    public static IReadOnlyList<SentenceVector>? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 9 || bytes[0] != Format)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes[5..]);
        // Each unit takes at least a 4-byte length and its vector. Divided rather than multiplied, so
        // a hostile count and dimensions cannot overflow into a huge allocation.
        if (count <= 0 || dimensions <= 0 || count > (bytes.Length - 9) / (4 + (4L * dimensions)))
        {
            return null;
        }

        var texts = new string[count];
        var at = 9;
        for (var i = 0; i < count; i++)
        {
            if (at + 4 > bytes.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            if (length < 0 || length > bytes.Length - at - 4)
            {
                return null;
            }

            texts[i] = Encoding.UTF8.GetString(bytes.Slice(at + 4, length));
            at += 4 + length;
        }

        if (bytes.Length - at != count * dimensions * 4)
        {
            return null;
        }

        var units = new SentenceVector[count];
        for (var i = 0; i < count; i++)
        {
            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]);
                at += 4;
            }

            units[i] = new SentenceVector(texts[i], vector);
        }

        return units;
    }

    /// <summary>Refuses units whose vectors do not match the collection, before anything is written.</summary>
    public static void Validate(ChunkRecord chunk, string source, int dimensions, string where)
    {
        if (chunk.SentenceVectors is not { } units)
        {
            return;
        }

        foreach (var unit in units)
        {
            if (unit is null || unit.Text is null || unit.Vector is null)
            {
                throw new StoreException($"Chunk {chunk.Ordinal} of '{source}' has a sentence vector without text or vector.");
            }

            if (unit.Vector.Length != dimensions)
            {
                throw new StoreException($"Chunk {chunk.Ordinal} of '{source}' has a {unit.Vector.Length}-dimensional sentence vector; {where} needs {dimensions}.");
            }
        }
    }
}
