using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Models.Resilience;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>
/// A model registry over the real OpenAI SDK and a <see cref="FakeOpenAiServer"/>, with fake time:
/// back-off, timeouts and break durations pass only when a test advances the clock.
/// </summary>
internal sealed class ResilienceHarness : IAsyncDisposable
{
    private ResilienceHarness(FakeOpenAiServer server, FakeOpenAiServer? secondary, ModelRegistry registry, TimerWatchingTimeProvider time)
    {
        Server = server;
        Secondary = secondary;
        Registry = registry;
        Time = time;
    }

    public const string SecondaryName = "secondary-model";

    public FakeOpenAiServer Server { get; }

    /// <summary>The hedging model's server, when the harness has one.</summary>
    public FakeOpenAiServer? Secondary { get; }

    public ModelRegistry Registry { get; }

    public TimerWatchingTimeProvider Time { get; }

    public DateTimeOffset Started { get; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public IChatClient Client => Registry.GetChatClient(OpenAiTestConfig.ModelName);

    public ModelResilienceSnapshot Events => Registry.Resilience.Snapshot(OpenAiTestConfig.ModelName);

    public static ResilienceHarness Start(ResilienceConfig resilience, ChaosConfig? chaos = null, bool withSecondary = false, ILoggerFactory? logging = null, int? sdkMaxRetries = null)
    {
        var server = FakeOpenAiServer.Start();
        var secondary = withSecondary ? FakeOpenAiServer.Start() : null;
        var models = new List<ModelConfig> { Model(server, OpenAiTestConfig.ModelName, resilience, chaos, sdkMaxRetries) };
        if (secondary is not null)
        {
            models.Add(Model(secondary, SecondaryName, ResilienceConfig.Default, null, null));
        }

        var time = new TimerWatchingTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(OpenAiTestConfig.Config([.. models]), logging ?? NullLoggerFactory.Instance, time);
        return new ResilienceHarness(server, secondary, registry, time);
    }

    private static ModelConfig Model(FakeOpenAiServer server, string name, ResilienceConfig resilience, ChaosConfig? chaos, int? sdkMaxRetries) => new()
    {
        MaxRetries = sdkMaxRetries,
        Name = name,
        Provider = ModelProviders.OpenAI,
        Endpoint = server.Endpoint.ToString(),
        Model = "fake-gpt",
        Resilience = resilience,
        Chaos = chaos,
    };

    public static ResilienceConfig Config(int retries = 3) => new() { MaxRetries = retries };

    public Task<ChatResponse> AskAsync(CancellationToken cancellationToken = default) =>
        Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellationToken);

    /// <summary>
    /// Waits for <paramref name="call"/> while moving the clock by exactly each back-off Polly asks for
    /// (the delay its retry strategy reports), and by nothing else: a retry then runs in real time with the
    /// clock standing still, so however slow the machine, it cannot be timed out by fake time passing.
    /// Calls that need an attempt or total timeout to elapse use <see cref="RunTimingOutAsync{T}"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> call)
    {
        var retriesSeen = 0;
        var timersPassed = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2); // bounds a hang only: the clock stands still meanwhile
        while (!call.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the call did not end within 2 minutes of real time");
            var events = Events;
            if (events.Retries > retriesSeen)
            {
                // The next retry waits for this back-off, so retries are seen one at a time.
                Assert.Equal(retriesSeen + 1, events.Retries);
                retriesSeen = events.Retries;
                var backOff = events.LastRetryDelay ?? TimeSpan.Zero;
                if (backOff > TimeSpan.Zero)
                {
                    var (index, due) = await Time.NextTimerAsync(timersPassed, backOff);
                    timersPassed = index + 1;
                    Time.Advance(due);
                }

                continue;
            }

            await Task.WhenAny(call, Task.Delay(10));
        }

        return await call;
    }

    /// <summary>
    /// Waits until a timer due after <paramref name="due"/> exists (one created by the pipeline, such as the
    /// hedging delay) and moves the clock by exactly that much, then lets it stand still.
    /// </summary>
    public async Task AdvanceToTimerAsync(TimeSpan due)
    {
        Time.Advance((await Time.NextTimerAsync(0, due)).Due);
    }

    /// <summary>
    /// Moves fake time forward in small steps until <paramref name="task"/> ends, for calls whose every
    /// attempt hangs or is delayed on the fake clock, so only timeouts can end them: nothing runs in
    /// real time meanwhile that the moving clock could time out by mistake.
    /// </summary>
    public async Task<T> RunTimingOutAsync<T>(Task<T> task, double stepSeconds = 0.25)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the call did not end within 20 s of real time");
            Time.Advance(TimeSpan.FromSeconds(stepSeconds));
            await Task.Delay(10);
        }

        return await task;
    }

    /// <summary>
    /// Moves the clock by <paramref name="untilTimeout"/> so the running attempt times out, then by exactly
    /// the back-off of its retry, and waits for the retry in real time with the clock standing still:
    /// stepping the clock while the retry runs timed out a retry that took a few hundred milliseconds
    /// of real time on a loaded machine.
    /// </summary>
    public async Task<T> TimeOutAttemptAndAwaitRetryAsync<T>(Task<T> call, TimeSpan untilTimeout)
    {
        var timers = Time.TimersCreated;
        Time.Advance(untilTimeout);
        Time.Advance(await Time.NextTimerAsync(timers));
        return await call.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits in real time (the server and the SDK work in real time) without moving the fake clock.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1); // bounds a hang only: the clock stands still meanwhile
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within a minute of real time");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        await Server.DisposeAsync();
        if (Secondary is not null)
        {
            await Secondary.DisposeAsync();
        }
    }
}
