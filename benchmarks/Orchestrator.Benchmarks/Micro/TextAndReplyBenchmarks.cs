using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Orchestrator.AspNetCore;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// Before/after pairs in one process (<c>micro --filter '*TextAndReply*'</c>): keyword terms of candidate
/// sentences by regex (the implementation before) and by <see cref="FtsQuery.Terms"/>, and a reply's
/// <c>orchestrator</c> field built as a JsonObject (before) or written directly (<see cref="ResponseMetadata"/>).
/// </summary>
[Config(typeof(MicroConfig))]
public partial class TextAndReplyBenchmarks
{
    private static readonly string[] Sentences =
    [
        "Full-time employees receive 25 days of paid annual leave per calendar year, plus public holidays.",
        "Part-time employees receive leave pro rata to their contracted hours; see the table in section 3.2.",
        "Unused leave of up to 5 days may be carried over to the next year with your manager's approval.",
        "Sick leave: from the 4th day of absence a doctor's note is required (HR-Policy § 7).",
        "To reset your VPN password, open https://it.example.com/reset and follow the two-factor prompt.",
        "Expenses above EUR 250 need a receipt and approval by a cost-centre owner within 30 days.",
    ];

    private static readonly HashSet<string> StopWords = new(
        ["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "is", "are", "was",
         "were", "be", "been", "it", "its", "as", "that", "this", "what", "which", "who", "whom", "how", "when",
         "where", "why", "do", "does", "did", "from", "into", "than", "then", "there", "their", "they", "he",
         "she", "his", "her", "i", "you", "we", "my", "your", "our", "can", "could", "would", "should", "has",
         "have", "had", "not", "no", "so", "if", "but", "about", "s"],
        StringComparer.OrdinalIgnoreCase);

    private readonly OrchestratorResponse _response = new()
    {
        Answer = "Full-time employees receive 25 days of paid annual leave per calendar year [1].",
        Route = new RouteInfo { Agent = "hr-policy", Kind = "retrieval", Confidence = 0.91, OutOfScope = false, Candidates = [new CandidateInfo("hr-policy", 0.91), new CandidateInfo("it-helpdesk", 0.05), new CandidateInfo("expenses", 0.04)] },
        Citations = [new CitationInfo(1, "employee-handbook.md", "Leave > Annual leave", Sentences[0]), new CitationInfo(2, "employee-handbook.md", "Leave > Carry-over", Sentences[2])],
        Guardian = new GuardianInfo { Passed = true, Status = GuardianInfo.StatusPassed, Checks = [new GuardianCheckInfo("groundedness", true, 0.93, "2 of 2 sentences supported"), new GuardianCheckInfo("pii", true, 1, "none found")] },
        Escalation = new EscalationInfo { Needed = false, Performed = false },
        Cost = new CostInfo(),
        TimingsMs = new TimingsInfo { Total = 16.4, Route = 9.1, Specialist = 3.2, Guardian = 4.0 },
        Attempts = [new AttemptInfo("local", null, true, "passed the guardian")],
        RetrievalQuery = "annual leave days full-time employee",
    };

    [Benchmark(Baseline = true)]
    public int TermsByRegex()
    {
        var count = 0;
        foreach (var sentence in Sentences)
        {
            count += Word().Matches(sentence).Select(m => m.Value.ToLowerInvariant()).Where(t => !StopWords.Contains(t)).ToList().Count;
        }

        return count;
    }

    [Benchmark]
    public int TermsByScan()
    {
        var count = 0;
        foreach (var sentence in Sentences)
        {
            count += FtsQuery.Terms(sentence).Count;
        }

        return count;
    }

    [Benchmark]
    public byte[] MetadataAsJsonObject() => JsonSerializer.SerializeToUtf8Bytes(ChatShapes.Metadata(_response), ServeJson.Options);

    [Benchmark]
    public byte[] MetadataWritten() => JsonSerializer.SerializeToUtf8Bytes(new ResponseMetadata(_response), ServeJson.Options);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
