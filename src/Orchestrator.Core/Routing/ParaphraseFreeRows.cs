using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// Which in-scope training rows were out of fold in the full sense: no example of their own route
/// in the other folds (the rows their fold head and neighbour index were built from) is a near
/// paraphrase of them. Example sets such as CLINC150's hold several rewordings of one request;
/// when one rewording is scored out of fold, its sibling sits in the fold head's training rows
/// and among its neighbours, so its evidence looks more in scope than a new request's would.
/// Cutting the in-scope rejection cap on those rows alone would set the threshold for traffic
/// the router has nearly seen already; the rows left stand for unseen wording.
/// </summary>
internal static class ParaphraseFreeRows
{
    /// <param name="similarity">Cosine at or above which two examples of a route count as paraphrases; 0 or less: every row is kept.</param>
    /// <returns>Per row: true for an in-scope row with no same-route paraphrase outside its fold, false otherwise (negatives included).</returns>
    public static bool[] Find(float[][] vectors, int[] labels, int[] fold, int routes, double similarity)
    {
        var n = vectors.Length;
        var kept = new bool[n];
        var byRoute = Enumerable.Range(0, n).Where(i => labels[i] < routes).GroupBy(i => labels[i]);
        foreach (var group in byRoute)
        {
            var rows = group.ToArray();
            foreach (var i in rows)
            {
                kept[i] = similarity <= 0 || !rows.Any(j => fold[j] != fold[i] && TensorPrimitives.Dot(vectors[i], vectors[j]) >= similarity);
            }
        }

        return kept;
    }
}
