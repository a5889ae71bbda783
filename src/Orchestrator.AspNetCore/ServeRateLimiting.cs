using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.State;

namespace Orchestrator.AspNetCore;

/// <summary>
/// server.rate_limit: one token bucket per API key (per client address when keys are off), holding
/// <c>burst</c> requests and refilled evenly at <c>requests_per_minute</c>. The buckets live in the
/// <see cref="IRateLimitStore"/> that <c>state:</c> names (this process's memory, or Redis shared by
/// every replica). Rejections are 429 in the OpenAI shape with Retry-After; 503 when the shared store
/// is unreachable and <c>state.on_unavailable.rate_limits</c> is <c>fail_closed</c>.
/// </summary>
internal static class ServeRateLimiting
{
    public const string Policy = "per-key";

    /// <summary>Adds the policy; without <c>server.rate_limit</c> it lets every request through.</summary>
    public static void Configure(RateLimiterOptions options, RateLimitConfig? limit, IRateLimitStore store, TimeProvider time)
    {
        if (limit is null)
        {
            options.AddPolicy(Policy, _ => RateLimitPartition.GetNoLimiter("all"));
            return;
        }

        var bucket = TokenBucket.PerMinute(limit.RequestsPerMinute, limit.Burst);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context => RateLimitPartition.Get(PartitionKey(context), key => new StoreRateLimiter(store, "requests:" + key, bucket, time)));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var http = rejected.HttpContext;
            var logger = http.RequestServices.GetRequiredService<ILogger<ApiMiddleware>>();
            if (rejected.Lease.TryGetMetadata(StoreRateLimiter.StoreUnavailableMetadata, out var unavailable) && unavailable is true)
            {
                http.Response.Headers.RetryAfter = "5";
                await ApiErrors.WriteAsync(http.Response, StatusCodes.Status503ServiceUnavailable,
                    "the rate-limit store is unreachable and state.on_unavailable.rate_limits is fail_closed; retry shortly").ConfigureAwait(false);
                return;
            }

            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : bucket.RefillEvery;
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            ServeLog.RateLimited(logger, PartitionKey(http));
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
