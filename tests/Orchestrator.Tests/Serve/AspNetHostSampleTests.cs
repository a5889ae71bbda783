using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AspNetHostSample;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// samples/aspnet-host, run by its own Program on a free loopback port: a question over real HTTP calls the
/// app's own C# tool, and the app's own endpoint answers as the API key's caller (401, 429, 200).
/// </summary>
public sealed class AspNetHostSampleTests
{
    /// <summary>The sample's API key (assistant/orchestrator.yaml holds its SHA-256).</summary>
    private const string SampleKey = "sk-sample-ann-0001";

    [Fact]
    public async Task The_sample_host_answers_an_order_question_with_its_own_tool()
    {
        var host = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = HostBuiltListener.Subscribe(host);
        var entryPoint = typeof(OrderTools).Assembly.EntryPoint!;

        // A host built elsewhere in the process while the listener listens, as a test beside this one does.
        using (Host.CreateApplicationBuilder().Build())
        {
        }

        var run = Task.Run(() =>
        {
            // Marks the sample's own thread: tests running beside this one build hosts too, and the
            // listener sees every host the process builds.
            HostBuiltListener.OnSampleThread.Value = true;
            entryPoint.Invoke(null, [new[] { "--urls", "http://127.0.0.1:0", "--environment", "Development" }]);
        });

        var app = await host.Task.WaitAsync(TimeSpan.FromMinutes(1));
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(started.SetResult);
            await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(3) };

            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent("""{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SampleKey);
            using var response = await client.SendAsync(request);

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var doc = JsonDocument.Parse(body);
            var orchestrator = doc.RootElement.GetProperty("orchestrator");
            Assert.Equal("orders", orchestrator.GetProperty("route").GetProperty("agent").GetString());
            Assert.True(orchestrator.GetProperty("tool_calls").GetArrayLength() > 0, body);
            Assert.Equal("get_order_status", orchestrator.GetProperty("tool_calls")[0].GetProperty("name").GetString());
            Assert.Contains("12345", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);

            await TheAppsOwnEndpointAnswersAsTheKeysCallerAsync(client);
        }
        finally
        {
            await app.StopAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>/my/orders/{id}, the endpoint embedding teams copy: 200 for the key, 401 without one, 429 with Retry-After once the address has guessed too often.</summary>
    private static async Task TheAppsOwnEndpointAnswersAsTheKeysCallerAsync(HttpClient client)
    {
        using (var answered = await GetAsync(client, "/my/orders/12345", SampleKey))
        {
            var answer = await answered.Content.ReadAsStringAsync();
            Assert.True(answered.StatusCode == HttpStatusCode.OK, answer);
            Assert.Contains("12345", answer, StringComparison.Ordinal);
        }

        using (var missing = await GetAsync(client, "/my/orders/12345", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        }

        // Wrong keys until the address is blocked (server.failed_auth allows 10 by default); then the right key is refused too.
        var refusals = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 50 && !refusals.Contains(HttpStatusCode.TooManyRequests); attempt++)
        {
            using var wrong = await GetAsync(client, "/my/orders/12345", "sk-sample-wrong-" + attempt);
            refusals.Add(wrong.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refusals[^1]);
        Assert.All(refusals[..^1], status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        using var blocked = await GetAsync(client, "/my/orders/12345", SampleKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero, blocked.Headers.ToString());
        Assert.DoesNotContain("sk-sample", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// Catches the host a Program builds, as WebApplicationFactory does: the hosting DiagnosticListener's
    /// "HostBuilt" event, raised on the thread that builds the host. Only the sample's thread counts: a
    /// host another test builds meanwhile was once taken for the sample's, stopped in its place, and the
    /// sample's Program then never ended.
    /// </summary>
    private sealed class HostBuiltListener(TaskCompletionSource<IHost> host) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly List<IDisposable> _subscriptions = [];

        public static AsyncLocal<bool> OnSampleThread { get; } = new();

        public static IDisposable Subscribe(TaskCompletionSource<IHost> host)
        {
            var listener = new HostBuiltListener(host);
            listener._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(listener));
            return new Unsubscriber(listener._subscriptions);
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: "HostBuilt", Value: IHost built } && OnSampleThread.Value)
            {
                host.TrySetResult(built);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private sealed class Unsubscriber(List<IDisposable> subscriptions) : IDisposable
        {
            public void Dispose()
            {
                lock (subscriptions)
                {
                    subscriptions.ForEach(s => s.Dispose());
                }
            }
        }
    }
}
