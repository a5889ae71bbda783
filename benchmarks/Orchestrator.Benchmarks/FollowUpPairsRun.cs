using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Benchmarks;

/// <summary>
/// How often the deterministic follow-up completer rewrites a question that stands on its own: every
/// CLINC150 question of a split (plus its out-of-scope list) asked after each distinct first user turn
/// of the sample's eval cases, and after each harmful training prompt (one question drawn per prompt,
/// seed 3, as <c>input-rail-context</c> draws them). CLINC questions are self-contained single turns, so
/// every rewrite counts against the completer. <c>--details</c> lists each rewritten question with one
/// earlier turn and its rewrite on stderr.
/// </summary>
internal static class FollowUpPairsRun
{
    public static Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
        var datasets = Arg("--datasets");
        var split = args.SkipWhile(a => a != "--split").Skip(1).FirstOrDefault() ?? "val";
        var details = args.Contains("--details");
        var clinc = JsonNode.Parse(File.ReadAllText(Path.Combine(datasets, "clinc150", "data_full_trainval.json")))!;
        var questions = clinc[split]!.AsArray().Concat(clinc["oos_" + split]!.AsArray()).Select(r => r![0]!.GetValue<string>()).ToList();
        var earlier = File.ReadLines(Arg("--sample")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!["messages"]![0]!["content"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();

        var (pairs, rewrittenPairs, rewrittenQuestions) = (0L, 0L, 0);
        foreach (var question in questions)
        {
            string? example = null;
            foreach (var turn in earlier)
            {
                pairs++;
                var query = FollowUpQueryRewriter.Rewrite(question, [new(ConversationTurn.User, turn), new(ConversationTurn.Assistant, "Here is what I found.")]);
                if (query != question)
                {
                    rewrittenPairs++;
                    example ??= $"{turn}\t{query}";
                }
            }

            if (example is not null)
            {
                rewrittenQuestions++;
                if (details)
                {
                    Console.Error.WriteLine($"{question}\t{example}");
                }
            }
        }

        var harmful = File.ReadLines(Path.Combine(datasets, "guardian_harm_train", "train.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Where(r => r["label"]!.GetValue<int>() == 1 && r["kind"]!.GetValue<string>() == "prompt").Select(r => r["text"]!.GetValue<string>()).ToList();
        var valQuestions = clinc["val"]!.AsArray().Concat(clinc["oos_val"]!.AsArray()).Select(r => r![0]!.GetValue<string>()).ToList();
        var rng = new Random(3);
        var afterHarmful = harmful.Count(h => valQuestions[rng.Next(valQuestions.Count)] is var q
            && FollowUpQueryRewriter.Rewrite(q, [new(ConversationTurn.User, h), new(ConversationTurn.Assistant, "I can't help with this request.")]) != q);

        var report = new JsonObject
        {
            ["split"] = split,
            ["questions"] = questions.Count,
            ["earlier_turns"] = earlier.Count,
            ["pairs"] = pairs,
            ["rewritten_pairs"] = rewrittenPairs,
            ["questions_rewritten_after_some_turn"] = rewrittenQuestions,
            ["harmful_then_clinc_val"] = harmful.Count,
            ["harmful_then_clinc_val_rewritten"] = afterHarmful,
        };
        Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return Task.FromResult(0);
    }
}
