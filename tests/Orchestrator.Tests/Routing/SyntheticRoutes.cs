namespace Orchestrator.Tests.Routing;

/// <summary>
/// Unit vectors in clusters, one cluster per route, plus negatives in clusters of their own: a
/// router training set small and separable enough to fit in well under a second without an encoder.
/// </summary>
internal static class SyntheticRoutes
{
    public const int Dimensions = 24;

    /// <returns>Vectors (routes' rows first, then negatives), labels (negatives carry <paramref name="routes"/>) and background flags (none).</returns>
    public static (float[][] Vectors, int[] Labels, bool[] IsBackground) Make(int routes, int perRoute, int negatives, float noise, int seed)
    {
        var rng = new Random(seed);
        var centres = Enumerable.Range(0, routes + 3).Select(_ => Unit(rng, null, 0)).ToArray();
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var r = 0; r < routes; r++)
        {
            for (var k = 0; k < perRoute; k++)
            {
                vectors.Add(Unit(rng, centres[r], noise));
                labels.Add(r);
            }
        }

        for (var k = 0; k < negatives; k++)
        {
            vectors.Add(Unit(rng, centres[routes + (k % 3)], noise));
            labels.Add(routes);
        }

        return ([.. vectors], [.. labels], new bool[vectors.Count]);
    }

    /// <summary>A unit vector near <paramref name="centre"/> (Gaussian noise of the given size), or a random direction.</summary>
    public static float[] Unit(Random rng, float[]? centre, float noise)
    {
        var v = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            var gaussian = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            v[d] = centre is null ? gaussian : centre[d] + (noise * gaussian / MathF.Sqrt(Dimensions));
        }

        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
