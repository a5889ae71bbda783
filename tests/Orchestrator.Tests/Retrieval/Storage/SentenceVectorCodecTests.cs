using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval.Storage;

public sealed class SentenceVectorCodecTests
{
    [Fact]
    public void Units_round_trip_bit_exactly()
    {
        SentenceVector[] units = [new("Zürich 東京 🚀", [float.Epsilon, -0.5f, 1e-30f]), new("", [0f, float.MaxValue, 1f]), new("b", [0.1f, 0.2f, 0.3f])];

        var decoded = SentenceVectorCodec.Decode(SentenceVectorCodec.Encode(units))!;

        Assert.Equal(units.Select(u => u.Text), decoded.Select(u => u.Text));
        Assert.All(units.Zip(decoded), p => Assert.Equal(p.First.Vector, p.Second.Vector));
    }

    [Fact]
    public void No_units_decode_as_none()
    {
        Assert.Null(SentenceVectorCodec.Decode(SentenceVectorCodec.Encode(null)));
        Assert.Null(SentenceVectorCodec.Decode(SentenceVectorCodec.Encode([])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("02010000000100000000000000")]           // unknown format
    [InlineData("01ffffff7f01000000")]                   // a count far beyond the bytes
    [InlineData("0101000000ffffff7f")]                   // dimensions far beyond the bytes
    [InlineData("01ffffff7fffffff7f0000000000000000")]   // count x dimensions x 4 overflows a long: must not allocate 2^31 texts
    [InlineData("010100000001000000ffffff7f")]           // a text length beyond the bytes
    [InlineData("01010000000100000000000000")]           // no vector bytes
    [InlineData("0101000000010000000000000000000000ff")] // trailing bytes
    public void Damaged_or_hostile_bytes_decode_as_none_without_throwing(string hex) =>
        Assert.Null(SentenceVectorCodec.Decode(Convert.FromHexString(hex)));

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 2 == 0)
            {
                bytes[0] = 1; // the valid format byte, so decoding goes past the first check
            }

            _ = SentenceVectorCodec.Decode(bytes);
        }
    }
}
