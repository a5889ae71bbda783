using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>A config on disk with one tool agent that lists a host's own tool, and one retrieval agent.</summary>
internal sealed class ShopDeployment : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ShopDeployment(string toolName = "get_order_status", string guardian = "[ pii ]")
    {
        _dir.Write("knowledge/shop/returns.md", """
            # Returns

            ## Return window
            Customers may return any item within 30 days of delivery for a full refund.
            """);
        _dir.Write("agents/orders.yaml", $"""
            name: orders
            kind: tool
            description: Looks up where a customer's order is.
            examples: [ "Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet" ]
            tools: [ {toolName} ]
            guardian: {guardian}
            """);
        _dir.Write("agents/returns.yaml", """
            name: returns
            kind: retrieval
            description: The shop's returns policy.
            examples: [ "How long do I have to return an item?", "can I get a refund", "what is the return window" ]
            knowledge: shop
            guardian: [ groundedness ]
            """);
        SharedRouterCache.LinkInto(Path.Combine(_dir.Path, ".orchestrator"));
        ConfigFile = _dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
            router:
              out_of_scope_examples: [ "what's the weather tomorrow", "tell me a joke", "who won the football match" ]
            collections:
              shop: { paths: [ knowledge/shop ] }
            agents: agents/
            """);
    }

    public string ConfigFile { get; }

    public string Directory => _dir.Path;

    public string Write(string relativePath, string content) => _dir.Write(relativePath, content);

    public void Dispose() => _dir.Dispose();
}
