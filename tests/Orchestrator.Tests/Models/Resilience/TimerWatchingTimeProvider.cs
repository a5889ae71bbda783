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
}
