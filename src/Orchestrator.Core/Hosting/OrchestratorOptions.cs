namespace Orchestrator.Hosting;

/// <summary>
/// How <c>AddOrchestrator</c> finds and starts its configuration. Set it in code
/// (<c>AddOrchestrator(o =&gt; o.ConfigFile = "orchestrator.yaml")</c>) or bind it from an
/// <c>IConfiguration</c> section (<c>AddOrchestrator(builder.Configuration.GetSection("Orchestrator"))</c>).
/// It is validated when the host starts: a missing file or an invalid configuration stops the start
/// with one <c>file:line: problem</c> line per error.
/// </summary>
public sealed class OrchestratorOptions
{
    /// <summary>The section name <c>AddOrchestrator(IConfiguration)</c> callers conventionally use.</summary>
    public const string SectionName = "Orchestrator";

    /// <summary>
    /// The orchestrator.yaml to load; a relative path resolves against the host's content root
    /// (<c>IHostEnvironment.ContentRootPath</c>, like appsettings.json), or the current directory
    /// when the container has no host environment.
    /// </summary>
    public string ConfigFile { get; set; } = "orchestrator.yaml";

    /// <summary>Fill empty collections from their configured paths during warm-up.</summary>
    public bool AutoIngest { get; set; } = true;

    /// <summary>Open a TCP connection to each escalation endpoint during warm-up and log a warning when one is unreachable.</summary>
    public bool ProbeEscalationEndpoints { get; set; }

    /// <summary>
    /// When true (the default) the host's start returns once the configuration is valid and the
    /// warm-up runs in the background; requests wait for it and readiness reports it. When false
    /// the host's start waits for the warm-up to finish.
    /// </summary>
    public bool WarmUpInBackground { get; set; } = true;
}
