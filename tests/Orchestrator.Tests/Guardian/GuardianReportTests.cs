using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Diagnostics;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// guardian.passed/status say what the guardian did on the answer shown: "passed" when every check
/// that ran on it passed (with a cloud answer shown, the checks on the cloud answer), "failed" on a rejection,
/// "not_run" when it was never asked; the failure metric counts rejections only.
/// </summary>
public sealed class GuardianReportTests
{
    private static readonly GuardianCheckResult PiiOk = new("pii", true, 1, "no personal data");
    private static readonly GuardianCheckResult GroundednessFailed = new("groundedness", false, 0.2, "1 of 2 sentences unsupported");

    [Fact]
    public void A_cloud_answer_to_an_out_of_scope_request_whose_checks_passed_reports_passed()
    {
        var guardian = Build(verdict: null, cloudCheck: PiiOk).Guardian;

        Assert.True(guardian.Passed);
        Assert.Equal("passed", guardian.Status);
        Assert.Equal("pii", Assert.Single(guardian.Checks).Name);
    }

    [Fact]
    public void A_request_the_guardian_never_saw_reports_not_run_not_failed()
    {
        var guardian = Build(verdict: null, cloudCheck: null).Guardian;

        Assert.False(guardian.Passed);
        Assert.Equal("not_run", guardian.Status);
        Assert.Empty(guardian.Checks);
    }

    [Fact]
    public void A_rejected_local_answer_reports_failed_when_no_cloud_answer_is_shown()
    {
        var verdict = new GuardianVerdict { Passed = false, Checks = [GroundednessFailed], SafeAnswer = "" };

        var guardian = Build(verdict, PiiOk).Guardian;

        Assert.False(guardian.Passed);
        Assert.Equal("failed", guardian.Status);
        Assert.Equal(["groundedness", "pii"], guardian.Checks.Select(c => c.Name));
    }

    [Fact]
    public void A_cloud_answer_shown_after_a_rejected_local_answer_reports_the_checks_on_the_cloud_answer()
    {
        // The record describes the answer shown; the local rejection stays in attempts and escalation.reason.
        var verdict = new GuardianVerdict { Passed = false, Checks = [GroundednessFailed], SafeAnswer = "" };

        var guardian = Build(verdict, PiiOk, cloudAnswerShown: true).Guardian;

        Assert.True(guardian.Passed);
        Assert.Equal("passed", guardian.Status);
        Assert.Equal(["pii"], guardian.Checks.Select(c => c.Name));
    }

    [Fact]
    public void A_failed_check_on_the_cloud_answer_reports_failed()
    {
        var verdict = new GuardianVerdict { Passed = true, Checks = [PiiOk], SafeAnswer = "a" };

        var guardian = Build(verdict, PiiOk with { Passed = false }).Guardian;

        Assert.Equal("failed", guardian.Status);
        Assert.False(guardian.Passed);
    }

    [Fact]
    public void An_accepted_local_answer_reports_passed()
    {
        var guardian = Build(new GuardianVerdict { Passed = true, Checks = [PiiOk], SafeAnswer = "a" }, null).Guardian;

        Assert.True(guardian.Passed);
        Assert.Equal("passed", guardian.Status);
    }

    [Fact]
    public void The_failure_metric_counts_rejections_only()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new OrchestratorMetrics(meters);
        long failures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // The listener sees every "Orchestrator" meter in the process, and tests running beside this
            // one record rejections on theirs: only this test's meter factory counts.
            if (instrument.Meter.Scope == meters && instrument.Name == "orchestrator.guardian.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();

        // A rejection recorded elsewhere in the process while the listener listens, as a test beside this one does.
        using (var elsewhere = new ServiceCollection().AddMetrics().BuildServiceProvider())
        {
            new OrchestratorMetrics(elsewhere.GetRequiredService<IMeterFactory>())
                .Record(Build(new GuardianVerdict { Passed = false, Checks = [GroundednessFailed], SafeAnswer = "" }, null));
        }

        metrics.Record(Build(verdict: null, cloudCheck: PiiOk));
        metrics.Record(Build(verdict: null, cloudCheck: null));
        Assert.Equal(0, Interlocked.Read(ref failures));

        metrics.Record(Build(new GuardianVerdict { Passed = false, Checks = [GroundednessFailed], SafeAnswer = "" }, null));
        Assert.Equal(1, Interlocked.Read(ref failures));
    }

    private static OrchestratorResponse Build(GuardianVerdict? verdict, GuardianCheckResult? cloudCheck, bool cloudAnswerShown = false)
    {
        var decision = new RouteDecision { Route = null, Confidence = 0.1, Candidates = [], OutOfScope = verdict is null };
        var local = new LocalStage(decision, null, null, null, null, verdict, [], 0, 0, new TimingsInfo());
        return ResponseBuilder.Build("answer", local, false, cloudAnswerShown, new EscalationInfo(), new CostInfo(), new TimingsInfo(), [], cloudCheck is null ? [] : [cloudCheck]);
    }
}
