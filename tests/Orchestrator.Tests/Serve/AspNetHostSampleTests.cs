using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AspNetHostSample;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Tests.Serve;

/// <summary>samples/aspnet-host, run by its own Program on a free loopback port: a question over real HTTP calls the app's own C# tool.</summary>
public sealed class AspNetHostSampleTests
{
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

            using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
                """{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}""", System.Text.Encoding.UTF8, "application/json"));

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var doc = JsonDocument.Parse(body);
            var orchestrator = doc.RootElement.GetProperty("orchestrator");
            Assert.Equal("orders", orchestrator.GetProperty("route").GetProperty("agent").GetString());
            Assert.True(orchestrator.GetProperty("tool_calls").GetArrayLength() > 0, body);
            Assert.Equal("get_order_status", orchestrator.GetProperty("tool_calls")[0].GetProperty("name").GetString());
            Assert.Contains("12345", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
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
