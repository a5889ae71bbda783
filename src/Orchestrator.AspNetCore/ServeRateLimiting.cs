using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.AspNetCore;

/// <summary>
/// server.rate_limit: one token bucket per API key (per client address when keys are off), holding
/// <c>burst</c> requests and refilled evenly at <c>requests_per_minute</c>. Rejections are 429 in the
/// OpenAI shape with Retry-After.
/// </summary>
internal static class ServeRateLimiting
{
    public const string Policy = "per-key";

    /// <summary>Adds the policy; without <c>server.rate_limit</c> it lets every request through.</summary>
    public static void Configure(RateLimiterOptions options, RateLimitConfig? limit)
    {
        if (limit is null)
        {
            options.AddPolicy(Policy, _ => RateLimitPartition.GetNoLimiter("all"));
            return;
        }

        var refill = TimeSpan.FromMinutes(1) / limit.RequestsPerMinute;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var http = rejected.HttpContext;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : refill;
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            ServeLog.RateLimited(http.RequestServices.GetRequiredService<ILogger<ApiMiddleware>>(), PartitionKey(http));
            await ApiErrors.WriteAsync(
                http.Response,
                StatusCodes.Status429TooManyRequests,
                $"rate limit reached: {limit.RequestsPerMinute} requests per minute with bursts of {limit.Burst} (server.rate_limit); retry after {seconds} s").ConfigureAwait(false);
        };
    }

    /// <summary>The API key's name (keys are authenticated before the limiter runs), else the client address.</summary>
    private static string PartitionKey(HttpContext context) =>
        ApiKeyAuthenticator.Caller(context) is { } key ? "key:" + key.Name : "ip:" + context.Connection.RemoteIpAddress;
}
