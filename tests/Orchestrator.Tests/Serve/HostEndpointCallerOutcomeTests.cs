using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.AspNetCore;
using Orchestrator.Configuration;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// <c>HttpContext.AuthenticateOrchestratorCallerAsync()</c> tells a host endpoint why nobody is
/// identified (leftovers34: <c>GetOrchestratorCallerAsync()</c> gave null for a blocked address and a
/// missing key alike, so a host could not answer 429 with Retry-After as <c>/v1</c> does). Real Kestrel
/// on port 0, the failed-auth bucket on a fake clock.
/// </summary>
public sealed class HostEndpointCallerOutcomeTests
{
    private const string AcmeKey = "sk-test-acme-0123456789";

    private static readonly string KeysYaml = $$"""

        server:
          api_keys:
            - { sha256: {{ApiKeyConfig.HashHex(AcmeKey)}}, tenant: acme, name: ann, user: C-1001, roles: [ staff ] }
        """;

    [Fact]
    public async Task Valid_missing_wrong_huge_and_hostile_keys_get_their_own_outcomes_and_replies()
    {
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1000, burst: 1000 }\n");

        Assert.Equal("Authenticated|C-1001|staff|acme", await host.TextAsync("/outcome", "Bearer " + AcmeKey, HttpStatusCode.OK));
        Assert.StartsWith("NoKey|", await host.TextAsync("/outcome", authorization: null, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.StartsWith("InvalidKey|", await host.TextAsync("/outcome", "Bearer sk-wrong-000000000000", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.StartsWith("InvalidKey|", await host.TextAsync("/outcome", "Bearer " + new string('k', 64 * 1024), HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.StartsWith("InvalidKey|", await host.TextAsync("/outcome", "Basic " + AcmeKey, HttpStatusCode.OK), StringComparison.Ordinal);

        using (var missing = await host.SendAsync("/guarded", authorization: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("missing API key", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var huge = await host.SendAsync("/guarded", "Bearer " + AcmeKey + new string('k', 64 * 1024)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, huge.StatusCode);
            var body = await huge.Content.ReadAsStringAsync();
            Assert.Contains("\"invalid_api_key\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("kkkkkkkk", body, StringComparison.Ordinal);
        }

        Assert.Equal("yours, C-1001", await host.TextAsync("/guarded", "Bearer " + AcmeKey, HttpStatusCode.OK));

        // Bytes no HTTP client sends: Kestrel refuses some (400); the rest are keys that match nothing.
        foreach (var hostile in new[] { AcmeKey + "\u0001", AcmeKey + "\u007f", "\u001b[2J" + AcmeKey, AcmeKey + "\tx" })
        {
            var reply = await RawHttp.SendAsync(host.BaseAddress, RawHttp.Request("GET", "/outcome", Encoding.UTF8.GetBytes($"Authorization: Bearer {hostile}\r\n")));
            Assert.True(reply.Status == 400 || reply.Body.StartsWith("InvalidKey|", StringComparison.Ordinal), $"{reply.Status} {reply.Body}");
            Assert.DoesNotContain("sk-test", reply.Head + reply.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("sk-", StringComparison.Ordinal) || l.Contains("kkkkkkkk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_blocked_address_is_told_when_to_retry_right_key_or_not_and_gets_in_once_the_bucket_refills()
    {
        // Two failed attempts, then one a minute: the fake clock decides when the bucket refills.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1, burst: 2 }\n", clock);

        Assert.StartsWith("InvalidKey|", await host.TextAsync("/outcome", "Bearer sk-wrong-1", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.StartsWith("InvalidKey|", await host.TextAsync("/outcome", "Bearer sk-wrong-2", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal("Blocked|retry 60", await host.TextAsync("/outcome", "Bearer " + AcmeKey, HttpStatusCode.OK));
        Assert.StartsWith("NoKey|", await host.TextAsync("/outcome", authorization: null, HttpStatusCode.OK), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(45));
        using (var blocked = await host.SendAsync("/guarded", "Bearer " + AcmeKey))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(15), blocked.Headers.RetryAfter?.Delta);
            var body = await blocked.Content.ReadAsStringAsync();
            Assert.Contains("\"rate_limit_exceeded\"", body, StringComparison.Ordinal);
            Assert.Contains("server.failed_auth", body, StringComparison.Ordinal);
        }

        // The API shares the bucket and answers the same way.
        using (var api = await host.SendAsync("/v1/models", "Bearer " + AcmeKey))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(15), api.Headers.RetryAfter?.Delta);
        }

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("Authenticated|C-1001|staff|acme", await host.TextAsync("/outcome", "Bearer " + AcmeKey, HttpStatusCode.OK));
        Assert.Equal("C-1001", await host.TextAsync("/legacy", "Bearer " + AcmeKey, HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_older_method_still_gives_null_for_every_refusal_and_counts_once_with_the_new_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1, burst: 2 }\n", clock);

        Assert.Equal("null", await host.TextAsync("/legacy", authorization: null, HttpStatusCode.OK));
        Assert.Equal("null", await host.TextAsync("/legacy", "Bearer sk-wrong-1", HttpStatusCode.OK));       // one failure (both methods asked)
        Assert.Equal("C-1001", await host.TextAsync("/legacy", "Bearer " + AcmeKey, HttpStatusCode.OK));     // so one attempt is left
        Assert.Equal("null", await host.TextAsync("/legacy", "Bearer sk-wrong-2", HttpStatusCode.OK));
        Assert.Equal("null", await host.TextAsync("/legacy", "Bearer " + AcmeKey, HttpStatusCode.OK));       // blocked
    }

    [Fact]
    public async Task A_malformed_identity_header_is_its_own_outcome_answered_400_and_without_keys_everyone_is_anonymous()
    {
        await using (var host = await StartAsync(KeysYaml + "\n  identity_headers: { user: X-Forwarded-User }\n"))
        {
            Assert.Equal("Authenticated|C-3003||acme", await host.TextAsync("/outcome", "Bearer " + AcmeKey, HttpStatusCode.OK, ("X-Forwarded-User", "C-3003")));
            Assert.StartsWith("InvalidIdentityHeader|", await host.TextAsync("/outcome", "Bearer " + AcmeKey, HttpStatusCode.OK, ("X-Forwarded-User", "two users")), StringComparison.Ordinal);
            Assert.Contains("X-Forwarded-User", await host.TextAsync("/guarded", "Bearer " + AcmeKey, HttpStatusCode.BadRequest, ("X-Forwarded-User", "two users")), StringComparison.Ordinal);
        }

        await using (var open = await StartAsync(serverYaml: ""))
        {
            Assert.Equal("Authenticated|||", await open.TextAsync("/outcome", authorization: null, HttpStatusCode.OK));
            Assert.Equal("Authenticated|||", await open.TextAsync("/outcome", "Bearer sk-anything", HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task An_authenticated_result_has_no_refusal_to_answer()
    {
        await using var host = await StartAsync(serverYaml: "");
        using var scope = host.App.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        var result = await context.AuthenticateOrchestratorCallerAsync();

        Assert.True(result.IsAuthenticated);
        Assert.True(result.Caller.IsAnonymous);
        Assert.Throws<InvalidOperationException>(() => result.ToRefusalResult());
    }

    private static string Describe(OrchestratorCallerResult result) => result.Outcome switch
    {
        OrchestratorCallerOutcome.Authenticated => $"Authenticated|{result.Caller!.UserId}|{string.Join(',', result.Caller.Roles)}|{result.Caller.Tenant}",
        OrchestratorCallerOutcome.Blocked => $"Blocked|retry {result.RetryAfter!.Value.TotalSeconds:0}",
        var other => $"{other}|{result.Problem}",
    };

    private static Task<CallerTestHost> StartAsync(string serverYaml, TimeProvider? clock = null) => CallerTestHost.StartAsync(serverYaml, app =>
    {
        // An explicit return type: an expression-bodied async lambda would otherwise bind as a RequestDelegate and drop its result.
        app.MapGet("/outcome", async Task<IResult> (HttpContext http) => Results.Text(Describe(await http.AuthenticateOrchestratorCallerAsync())));
        app.MapGet("/guarded", async Task<IResult> (HttpContext http) => await http.AuthenticateOrchestratorCallerAsync() is { IsAuthenticated: true } auth
            ? Results.Text("yours, " + auth.Caller.UserId)
            : (await http.AuthenticateOrchestratorCallerAsync()).ToRefusalResult());
        app.MapGet("/legacy", async Task<IResult> (HttpContext http) =>
        {
            var caller = await http.GetOrchestratorCallerAsync();
            var again = await http.AuthenticateOrchestratorCallerAsync();
            return Results.Text(again.Caller == caller ? caller?.UserId ?? "null" : "the two methods disagree");
        });
    }, clock);
}
