using Orchestrator.Configuration;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// A small, self-contained configuration on disk (two retrieval agents over their own documents),
/// for end-to-end tests that need to control the knowledge base or break the store.
/// </summary>
internal sealed class MiniDeployment : IDisposable
{
    private readonly TempDirectory _dir = new();

    public MiniDeployment(string piiSection = "", params (string Path, string Content)[] extraDocs)
    {
        _dir.Write("knowledge/people/directory.md", """
            # Team directory

            ## Payroll contact
            Questions about salary payments go to Maria Jensen. Her personal mobile is +44 7700 900123 and her
            bank account for refunds is GB82 WEST 1234 5698 7654 32.
            """);
        _dir.Write("knowledge/facilities/parking.md", """
            # Parking

            ## Garage
            Employees may park on level 2 of the garage on weekdays. Visitors park on level 1 and must register at reception.
            """);
        foreach (var (path, content) in extraDocs)
        {
            _dir.Write(path, content);
        }

        _dir.Write("agents/people.yaml", """
            name: people
            kind: retrieval
            description: Who to contact about payroll and salary payments.
            examples: [ "Who handles payroll questions?", "who do I ask about my salary payment", "payroll contact details" ]
            knowledge: people
            guardian: [ groundedness, pii ]
            """);
        _dir.Write("agents/facilities.yaml", """
            name: facilities
            kind: retrieval
            description: Parking and building facilities.
            examples: [ "Where can I park my car?", "is there parking for visitors", "which garage level is for staff" ]
            knowledge: facilities
            guardian: [ groundedness, pii ]
            """);
        SharedRouterCache.LinkInto(Path.Combine(_dir.Path, ".orchestrator"));
        ConfigFile = _dir.Write("orchestrator.yaml", $"""
            models:
              embedder: {"{"} provider: embedded-minilm {"}"}
            router:
              out_of_scope_examples: [ "what's the weather tomorrow", "tell me a joke", "who won the football match" ]
            collections:
              people: {"{"} paths: [ knowledge/people ] {"}"}
              facilities: {"{"} paths: [ knowledge/facilities ] {"}"}
            {piiSection}
            agents: agents/
            """);
    }

    public string Root => _dir.Path;

    public string ConfigFile { get; }

    public string StoreFile => Path.Combine(_dir.Path, ".orchestrator", "store.db");

    public OrchestratorConfig LoadConfig() => TestRuntimes.LoadValid(ConfigFile);

    public void Dispose() => _dir.Dispose();
}
