using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Escalation;

/// <summary>
/// A deployment on disk with three loopback fake OpenAI servers: the local model (<c>writer-model</c>),
/// the escalation target (<c>cloud</c>) and its fallback (<c>cloud-b</c>). Agents: <c>parking</c>
/// (retrieval; optionally on the local model, with groundedness and pii checks), <c>vault</c>
/// (generation on the local model, never escalates) and <c>concierge</c> (always escalates).
/// Each cloud call reserves 256 output tokens at 1,000 USD per million = 0.256 USD, and the cloud
/// servers report exactly 256 completion tokens, so settled spend equals the reservation.
/// </summary>
internal sealed class EscalationDeployment : IAsyncDisposable
{
    public const double UsdPerCall = 0.256;

    private readonly TempDirectory _dir;
    private readonly bool _ownsDirectory;

    private EscalationDeployment(TempDirectory dir, bool ownsDirectory)
    {
        _dir = dir;
        _ownsDirectory = ownsDirectory;
    }

    public FakeOpenAiServer Local { get; } = FakeOpenAiServer.Start();

    public FakeOpenAiServer Primary { get; } = FakeOpenAiServer.Start();

    public FakeOpenAiServer Secondary { get; } = FakeOpenAiServer.Start();

    public OrchestratorRuntime Runtime { get; private set; } = null!;

    public List<string> StatusLines { get; } = [];

    public string Directory => _dir.Path;

    public string ConfigFile { get; private set; } = "";

    /// <param name="escalationExtra">Extra lines under <c>escalation:</c>, indented by two spaces.</param>
    /// <param name="parkingModel">Whether the parking agent writes its answers with the local model.</param>
    /// <param name="cloudExtra">Extra fields for the <c>cloud</c> model, e.g. <c>, api_key_env: UNSET</c>.</param>
    /// <param name="reuse">A directory of an earlier deployment, to restart over its state.</param>
    /// <param name="timeoutSeconds">escalation.timeout_seconds: how long each cloud call may take.</param>
    /// <param name="guardianExtra">Top-level lines for the guardian, e.g. <c>guardian: { links: { allow: [...] } }</c>.</param>
    /// <param name="parkingExtra">Extra fields for the parking agent, e.g. <c>rails: { input: { pii: escalate } }</c>, and its guardian list.</param>
    /// <param name="localTimeoutSeconds">The local writer model's timeout_seconds.</param>
    /// <param name="loggerFactory">Where the runtime logs (none by default).</param>
    public static async Task<EscalationDeployment> StartAsync(string escalationExtra = "", bool parkingModel = false, string cloudExtra = "", TempDirectory? reuse = null, int timeoutSeconds = 10, string guardianExtra = "", string parkingExtra = "", string parkingGuardian = "[ groundedness, pii ]", int localTimeoutSeconds = 20, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var deployment = new EscalationDeployment(reuse ?? new TempDirectory(), reuse is null);
        deployment.Primary.DefaultReply = CloudReply("Primary cloud answer.");
        deployment.Secondary.DefaultReply = CloudReply("Secondary cloud answer.");
        deployment.ConfigFile = deployment.Write(escalationExtra, parkingModel, cloudExtra, timeoutSeconds, guardianExtra, parkingExtra, parkingGuardian, localTimeoutSeconds);
        try
        {
            deployment.Runtime = await TestRuntimes.StartAsync(
                TestRuntimes.LoadValid(deployment.ConfigFile),
                new RuntimeOptions
                {
                    Status = new SyncProgress(deployment.StatusLines),
                    LoggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
                });
            return deployment;
        }
        catch
        {
            await deployment.StopAsync(keepDirectory: reuse is not null);
            throw;
        }
    }

    public static FakeOpenAiReply CloudReply(string text) => FakeOpenAiReply.WithText(text) with { PromptTokens = 40, CompletionTokens = 256 };

    public Task<OrchestratorResponse> AskAsync(string text, string? agent = "parking", bool escalate = false, string? tenant = null, IReadOnlyList<ConversationTurn>? history = null) =>
        Runtime.Pipeline.AskAsync(new OrchestratorRequest(text, agent) { EscalationRequested = escalate, Tenant = tenant, History = history ?? [] });

    /// <summary>Stops the runtime and servers; the directory stays when <paramref name="keepDirectory"/> (to restart over it).</summary>
    public async ValueTask StopAsync(bool keepDirectory)
    {
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
            Runtime = null!;
        }

        await Local.DisposeAsync();
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
        if (!keepDirectory && _ownsDirectory)
        {
            _dir.Dispose();
        }
    }

    public ValueTask DisposeAsync() => StopAsync(keepDirectory: false);

    private string Write(string escalationExtra, bool parkingModel, string cloudExtra, int timeoutSeconds, string guardianExtra, string parkingExtra, string parkingGuardian, int localTimeoutSeconds)
    {
        _dir.Write("agents/parking.yaml", $"""
            name: parking
            kind: retrieval
            description: Parking rules for staff and visitors.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            {(parkingModel ? "model: writer-model" : "")}
            guardian: {parkingGuardian}
            {parkingExtra}
            """);
        _dir.Write("agents/vault.yaml", """
            name: vault
            kind: generation
            description: Drafts texts about confidential payroll matters.
            examples: [ "draft a salary letter", "write a payroll notice", "compose a bonus letter" ]
            model: writer-model
            guardian: [ pii ]
            escalation: { allowed: false }
            """);
        _dir.Write("agents/concierge.yaml", """
            name: concierge
            kind: generation
            description: Open questions that the cloud model answers.
            examples: [ "plan a team offsite", "recommend a restaurant", "suggest a gift" ]
            model: writer-model
            escalation: { always: true }
            """);
        _dir.Write("prompts/note.md", "{{$question}}");
        _dir.Write("knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n");
        const string price = "price: { input_per_mtok: 0, output_per_mtok: 1000 }";
        return _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              writer-model: { provider: openai, endpoint: "{{Local.Endpoint}}", model: fake-local, max_retries: 0, timeout_seconds: {{localTimeoutSeconds}} }
              cloud: { provider: openai, endpoint: "{{Primary.Endpoint}}", model: fake-cloud, max_retries: 0, max_output_tokens: 256, {{price}}{{cloudExtra}} }
              cloud-b: { provider: openai, endpoint: "{{Secondary.Endpoint}}", model: fake-cloud-b, max_retries: 0, max_output_tokens: 256, {{price}} }
            escalation:
              target: cloud
              fallbacks: [ cloud-b ]
              timeout_seconds: {{timeoutSeconds}}
            {{escalationExtra}}
            {{guardianExtra}}
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            prompts: prompts/
            """);
    }
}
