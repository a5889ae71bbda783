using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Agents;

/// <summary>A valid configuration on disk (the one in docs/configuration.md) that tests then break one piece at a time.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public const string OrchestratorYaml = """
        models:
          embedder:     { provider: embedded-minilm }
          local-writer: { provider: onnx, path: models/phi-4-mini-instruct-onnx }
          ollama:       { provider: openai, endpoint: http://localhost:11434/v1, model: qwen2.5:3b }
          cloud:        { provider: openai, endpoint: https://api.openai.com/v1, model: gpt-4.1,
                          api_key_env: OPENAI_API_KEY, price: { input_per_mtok: 2.0, output_per_mtok: 8.0 } }
        router:
          mode: semantic
          embedder: embedder
          out_of_scope_examples:
            - "What's the weather tomorrow?"
        escalation:
          target: cloud
          fallbacks: [ ollama ]
          budget: { usd_per_day: 5 }
        store:
          provider: sqlite
          path: .orchestrator/store.db
        collections:
          hr: { paths: [ knowledge/hr ] }
        limits:
          max_input_chars: 4000
        agents: agents/
        prompts: prompts/
        """;

    public const string HrAgentYaml = """
        name: hr-policy
        kind: retrieval
        description: Answers questions about HR policies - leave, benefits.
        examples:
          - "How many vacation days do I get?"
          - "What is the parental leave policy?"
          - "How do I claim expenses?"
        knowledge: hr
        model: local-writer
        prompt: grounded-answer
        guardian: [ groundedness, pii ]
        escalation: { allowed: true, always: false }
        """;

    public const string ItAgentYaml = """
        name: it-helpdesk
        kind: tool
        description: Opens IT tickets.
        examples: [ "My laptop is broken", "Reset my password", "Open a ticket for VPN access" ]
        tools: [ create_it_ticket ]
        escalation: { allowed: false }
        """;

    public ConfigFixture()
    {
        ConfigPath = Directory.Write("orchestrator.yaml", OrchestratorYaml);
        Directory.Write("agents/hr-policy.yaml", HrAgentYaml);
        Directory.Write("agents/it-helpdesk.yaml", ItAgentYaml);
        Directory.Write("agents/README.md", "not an agent: { ignored");
        Directory.Write("prompts/grounded-answer.txt", "Answer from the passages.");
    }

    public TempDirectory Directory { get; } = new();

    public string ConfigPath { get; }

    public ConfigValidationContext Context { get; } = CreateContext();

    public string Write(string relativePath, string content) => Directory.Write(relativePath, content);

    public ConfigLoadResult Load() => ConfigLoader.Load(ConfigPath, Context);

    public void Dispose() => Directory.Dispose();

    private static ConfigValidationContext CreateContext()
    {
        var context = new ConfigValidationContext { PromptsValidator = Orchestrator.Prompts.PromptLibrary.Validate };
        context.ToolNames.Add("create_it_ticket");
        return context;
    }
}
