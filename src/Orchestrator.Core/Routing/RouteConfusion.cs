namespace Orchestrator.Routing;

/// <summary>
/// One pair of confusable routes from the fit's cross-validation: <see cref="Count"/> of
/// <paramref name="Expected"/>'s <see cref="Examples"/> went to <paramref name="RoutedTo"/> when the
/// router was trained without them. Pairs with a large share need clearer examples or descriptions.
/// </summary>
public sealed record RouteConfusion(string Expected, string RoutedTo, int Count, int Examples)
{
    public double Share => Examples == 0 ? 0 : (double)Count / Examples;
}
