using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Tests.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A host puts its own ASP.NET Core authorization on the orchestrator's API through
/// <c>MapOrchestrator(api =&gt; ...)</c>; the probes stay open, /metrics only when the host says so
/// (walk32: MapOrchestrator returned the app, so there was nothing to call RequireAuthorization on).
/// </summary>
public sealed class HostAuthorizationTests
{
    private const string Policy = "orchestrator-users";
    private const string UserHeader = "X-Test-User";

    [Fact]
    public async Task The_api_needs_the_hosts_policy_and_the_probes_and_metrics_stay_open()
    {
        using var deployment = new ShopDeployment();
        await using var host = await StartAsync(deployment, app => app.MapOrchestrator(api => api.RequireAuthorization(Policy)));
        using var client = host.Client;

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, "/v1/models", user: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Post, "/v1/chat/completions", user: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "/v1/models", user: "guest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/v1/models", user: "member")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, "/v1/chat/completions", user: "member")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/healthz", user: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/readyz", user: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/metrics", user: null)).StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("server.api_keys is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_take_the_hosts_conventions_only_when_given_their_own()
    {
        using var deployment = new ShopDeployment();
        await using var host = await StartAsync(deployment, app => app.MapOrchestrator(api => api.RequireAuthorization(Policy), metrics => metrics.RequireAuthorization(Policy)));
        using var client = host.Client;

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, "/metrics", user: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/metrics", user: "member")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/healthz", user: null)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? user)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("""{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}""", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task<Host> StartAsync(ShopDeployment deployment, Action<WebApplication> map)
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(logs);
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireClaim("role", "member"));
        builder.Services.AddOrchestrator(o => { o.ConfigFile = deployment.ConfigFile; o.WarmUpInBackground = false; }).AddTools<OrderTools>();
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"); // a remote caller, as behind a 0.0.0.0 binding
            return next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Host(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    private sealed record Host(WebApplication App, HttpClient Client, CapturingLoggerProvider Logs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            Logs.Dispose();
        }
    }

    /// <summary>A real authentication scheme: the <c>X-Test-User</c> header names the user, whose role is the same word.</summary>
    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user) || string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user!), new Claim("role", user!)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
