using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>
/// Fake time that also says which timers were created, with their due times, so a test can move the
/// clock by exactly the back-off Polly asked for instead of in blind steps: steps that keep moving
/// while a retry runs in real time time that retry out on a loaded machine.
/// </summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    /// <summary>Timers created so far.</summary>
    public int TimersCreated => _dueTimes.Count;


    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits in real time until a timer after the first <paramref name="before"/> exists, and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(int before)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_dueTimes.Count <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "no timer was created within a minute of real time");
            await Task.Delay(10);
        }

        return _dueTimes.ElementAt(before);
    }

    /// <summary>
    /// Waits in real time until a timer due after <paramref name="due"/> is created at or after position
    /// <paramref name="from"/>, and returns its position and due time. <c>Task.Delay</c> (Polly's back-off,
    /// the hedging delay) rounds the delay to whole milliseconds; timeouts create their timers unarmed
    /// (an infinite due time) and arm them later, so they never match.
    /// </summary>
    public async Task<(int Index, TimeSpan Due)> NextTimerAsync(int from, TimeSpan due)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var index = from; ; index++)
        {
            while (_dueTimes.Count <= index)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no timer due after {due} was created within a minute of real time (timers: {string.Join(", ", _dueTimes)})");
                await Task.Delay(10);
            }

            var created = _dueTimes.ElementAt(index);
            if (Math.Abs((created - due).TotalMilliseconds) < 1)
            {
                return (index, created);
            }
        }
    }
}
