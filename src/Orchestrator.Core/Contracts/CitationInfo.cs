using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record CitationInfo(int Id, string Source, string Locator, string Text);
