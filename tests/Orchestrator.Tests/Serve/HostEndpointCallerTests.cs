using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Configuration;
using Orchestrator.Tests.Hosting;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A host's own endpoints get the caller the orchestrator's API key resolves, through
/// <c>HttpContext.GetOrchestratorCallerAsync()</c> (walk32: they had to duplicate the key handling or
/// ask anonymously, so personal tools refused). Real Kestrel on port 0, real keys, a real personal tool.
/// </summary>
public sealed class HostEndpointCallerTests
{
    private const string AcmeKey = "sk-test-acme-0123456789";
    private const string GlobexKey = "sk-test-globex-9876543210";
    private const string MyOrders = "what is the status of my order";

    private static readonly string KeysYaml = $$"""

        server:
          api_keys:
            - { sha256: {{ApiKeyConfig.HashHex(AcmeKey)}}, tenant: acme, name: ann, user: C-1001, roles: [ staff, support ] }
            - { sha256: {{ApiKeyConfig.HashHex(GlobexKey)}}, tenant: globex, name: gus, user: C-2002 }
        """;

    [Fact]
    public async Task A_valid_key_gives_its_user_roles_and_tenant_and_the_personal_tool_answers_for_that_user()
    {
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1000, burst: 1000 }\n");

        Assert.Equal("C-1001|staff,support|acme", await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.OK));
        Assert.Equal("C-2002||globex", await host.TextAsync("/whoami", "bearer " + GlobexKey, HttpStatusCode.OK));
        Assert.Contains("Customer C-1001 of acme", await host.TextAsync("/my/orders", "Bearer " + AcmeKey, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("Customer C-2002 of globex", await host.TextAsync("/my/orders", "Bearer " + GlobexKey, HttpStatusCode.OK), StringComparison.Ordinal);

        var anonymous = await host.TextAsync("/my/orders", authorization: null, HttpStatusCode.OK);
        Assert.Contains("who you are", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Customer", anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_empty_huge_and_hostile_keys_give_no_caller_and_leak_nothing()
    {
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1000, burst: 1000 }\n");
        string[] presented =
        [
            "Bearer sk-wrong-000000000000",
            "Bearer ",
            "Bearer     ",
            "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("ann:" + AcmeKey)),
            AcmeKey,                                                // no scheme
            "Bearer " + GlobexKey[..^1],                             // another tenant's key, one character short
            "Bearer " + GlobexKey + "0",                             // another tenant's key with a character more
            "Bearer " + AcmeKey[..12],                               // the prefix the tenants share
            "Bearer " + AcmeKey + " " + GlobexKey,                   // two keys
            "Bearer " + AcmeKey + GlobexKey,
            "Bearer " + new string('k', 64 * 1024),                  // past the key length, under Kestrel's header limit
        ];

        foreach (var authorization in presented)
        {
            Assert.Equal("", await host.TextAsync("/whoami", authorization, HttpStatusCode.Unauthorized));
            var answer = await host.TextAsync("/my/orders", authorization, HttpStatusCode.OK);
            Assert.Contains("who you are", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Customer", answer, StringComparison.Ordinal);
        }

        // Bytes no HTTP client sends: control characters and an escape sequence after a valid key.
        foreach (var hostile in new[] { AcmeKey + "\u0001", AcmeKey + "\u007f", "\u001b[2J" + AcmeKey, AcmeKey + "\tx" })
        {
            var reply = await RawHttp.SendAsync(host.BaseAddress, RawHttp.Request("GET", "/whoami", Encoding.UTF8.GetBytes($"Authorization: Bearer {hostile}\r\n")));
            Assert.Contains(reply.Status, new[] { 400, 401 });
            Assert.DoesNotContain("C-1001", reply.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test", reply.Head + reply.Body, StringComparison.Ordinal);
        }

        // One megabyte of header: Kestrel refuses it before any endpoint runs.
        var huge = await RawHttp.SendAsync(host.BaseAddress, RawHttp.Request("GET", "/whoami", Encoding.ASCII.GetBytes($"Authorization: Bearer {AcmeKey}{new string('k', 1024 * 1024)}\r\n")));
        Assert.Equal(431, huge.Status);
        Assert.DoesNotContain("sk-test", huge.Head + huge.Body, StringComparison.Ordinal);

        Assert.Contains(host.Logs.Lines, l => l.Contains("failed authentication from 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("sk-", StringComparison.Ordinal) || l.Contains("kkkkkkkk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_keys_count_toward_failed_auth_with_the_api_once_per_request_and_a_missing_key_does_not()
    {
        // One failed attempt a minute after a burst of three: no refill within the test.
        await using var host = await StartAsync(KeysYaml + "\n  failed_auth: { per_minute: 1, burst: 3 }\n");

        for (var i = 0; i < 5; i++)
        {
            await host.TextAsync("/whoami", authorization: null, HttpStatusCode.Unauthorized);
        }

        await host.TextAsync("/twice", "Bearer sk-wrong-1", HttpStatusCode.Unauthorized);
        await host.TextAsync("/twice", "Bearer sk-wrong-2", HttpStatusCode.Unauthorized);
        Assert.Equal("C-1001|staff,support|acme", await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.OK));

        await host.TextAsync("/whoami", "Bearer sk-wrong-3", HttpStatusCode.Unauthorized);
        await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.Unauthorized);      // the address is blocked: right key or not
        using var api = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        api.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AcmeKey);
        using var apiReply = await host.Client.SendAsync(api);
        Assert.Equal(HttpStatusCode.TooManyRequests, apiReply.StatusCode);                      // one bucket with the API
        Assert.Contains(host.Logs.Lines, l => l.Contains("refused 127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identity_headers_name_the_user_as_on_the_api_and_a_malformed_one_gives_no_caller()
    {
        await using var host = await StartAsync(KeysYaml + "\n  identity_headers: { user: X-Forwarded-User, roles: X-Forwarded-Roles }\n");

        Assert.Equal("C-3003|auditor|acme", await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.OK, ("X-Forwarded-User", "C-3003"), ("X-Forwarded-Roles", "auditor")));
        Assert.Equal("", await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.Unauthorized, ("X-Forwarded-User", "two users")));
        Assert.Equal("", await host.TextAsync("/whoami", "Bearer sk-wrong-0", HttpStatusCode.Unauthorized, ("X-Forwarded-User", "C-3003")));
    }

    [Fact]
    public async Task Without_keys_every_caller_is_anonymous_and_the_personal_tool_refuses()
    {
        await using var host = await StartAsync(serverYaml: "");

        Assert.Equal("anonymous||-", await host.TextAsync("/whoami", "Bearer " + AcmeKey, HttpStatusCode.OK));
        Assert.Equal("anonymous||-", await host.TextAsync("/whoami", authorization: null, HttpStatusCode.OK));
        var answer = await host.TextAsync("/my/orders", "Bearer " + AcmeKey, HttpStatusCode.OK);
        Assert.Contains("who you are", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Customer", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_orchestrators_services_it_says_what_to_add()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.GetOrchestratorCallerAsync());
        Assert.Contains("AddOrchestrator", error.Message, StringComparison.Ordinal);
    }

    private static Task<CallerTestHost> StartAsync(string serverYaml) => CallerTestHost.StartAsync(serverYaml, app =>
    {
        app.MapGet("/whoami", async (HttpContext http) => await http.GetOrchestratorCallerAsync() is { } caller
            ? Results.Text($"{caller.UserId ?? "anonymous"}|{string.Join(',', caller.Roles)}|{caller.Tenant ?? "-"}")
            : Results.Unauthorized());
        app.MapGet("/twice", async (HttpContext http) =>
        {
            var first = await http.GetOrchestratorCallerAsync();
            var second = await http.GetOrchestratorCallerAsync();
            return first is not null && second == first ? Results.Ok() : Results.Unauthorized();
        });
        app.MapGet("/my/orders", async (HttpContext http, IOrchestrator orchestrator) =>
        {
            var caller = await http.GetOrchestratorCallerAsync() ?? CallerIdentity.Anonymous;
            var response = await orchestrator.AskAsync(new OrchestratorRequest(MyOrders) { Caller = caller }, http.RequestAborted);
            return Results.Text(response.Answer);
        });
    });
}
