using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class RetrievalEvaluatorTests
{
    private const string Fixture = """
        {"version": "1.1", "data": [
          {"title": "Volcano", "paragraphs": [
            {"context": "Mount Etna is an active volcano on the east coast of Sicily. It erupted in 2021 and sent ash over Catania.",
             "qas": [{"id": "q1", "question": "On which island is Mount Etna?", "answers": [{"text": "Sicily", "answer_start": 48}]}]}]},
          {"title": "Bread", "paragraphs": [
            {"context": "Sourdough bread is leavened by wild yeast and lactic acid bacteria. The starter is fed with flour and water.",
             "qas": [{"id": "q2", "question": "What is a sourdough starter fed with?", "answers": [{"text": "flour and water", "answer_start": 90}]}]},
            {"context": "Baguettes are long thin loaves from France. By law a traditional baguette contains only flour, water, salt and yeast.",
             "qas": [{"id": "q3", "question": "Which country do baguettes come from?", "answers": [{"text": "France", "answer_start": 37}]}]}]}
        ]}
        """;

    [Fact]
    public async Task A_tiny_squad_file_is_scored_with_the_contract_fields()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("tiny.json", Fixture);

        var report = await new RetrievalEvaluator(SharedEmbedder.Instance).EvaluateAsync(path);

        Assert.Equal((3, 3), (report.Questions, report.Paragraphs));
        Assert.Equal(1.0, report.RecallAt1);
        Assert.Equal(1.0, report.RecallAt5);
        Assert.Equal(1.0, report.Mrr);
        Assert.Equal(1.0, report.AnswerContainsGold);
        Assert.True(report.LatencyMs.P95 >= report.LatencyMs.P50);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        Assert.Equal(
            ["questions", "paragraphs", "recall_at_1", "recall_at_5", "mrr", "answer_contains_gold", "first_sentence_contains_gold", "latency_ms"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["p50", "p95"], json.RootElement.GetProperty("latency_ms").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Squad_v2_unanswerable_questions_are_scored_apart_not_as_misses()
    {
        // SQuAD v2.0: is_impossible questions have no answers. Before, they counted as misses
        // (answer_contains_gold 0.6 here), so a system that rightly declines them looked worse.
        using var temp = new TempDirectory();
        var v2 = Fixture.Replace("\"version\": \"1.1\"", "\"version\": \"v2.0\"", StringComparison.Ordinal)
            .Replace(
                "\"answers\": [{\"text\": \"Sicily\", \"answer_start\": 48}]}]",
                "\"answers\": [{\"text\": \"Sicily\", \"answer_start\": 48}], \"is_impossible\": false}, " +
                "{\"id\": \"u1\", \"question\": \"How many people live in Catania?\", \"answers\": [], \"plausible_answers\": [{\"text\": \"Catania\", \"answer_start\": 98}], \"is_impossible\": true}, " +
                "{\"id\": \"u2\", \"question\": \"Who wrote the first opera about Mount Etna?\", \"answers\": [], \"is_impossible\": true}]",
                StringComparison.Ordinal);
        var path = temp.Write("v2.json", v2);

        var report = await new RetrievalEvaluator(SharedEmbedder.Instance).EvaluateAsync(path);

        Assert.Equal(3, report.Questions);
        Assert.Equal(1.0, report.AnswerContainsGold);
        Assert.Equal(1.0, report.RecallAt1);
        Assert.DoesNotContain(report.Misses, m => m.Question.Contains("Catania", StringComparison.Ordinal) || m.Question.Contains("opera", StringComparison.Ordinal));
        var unanswerable = Assert.IsType<UnanswerableScores>(report.Unanswerable);
        Assert.Equal(2, unanswerable.Questions);
        Assert.Equal(1.0, unanswerable.Declined + unanswerable.WithheldByRelevance + unanswerable.Answered, 9);
        Assert.InRange(unanswerable.AnswerableWithheldByRelevance, 0, 1);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        Assert.Equal(
            ["questions", "declined", "withheld_by_relevance", "answered", "answerable_withheld_by_relevance"],
            json.RootElement.GetProperty("unanswerable").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_squad_reader_keeps_is_impossible()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("v2.json", """
            {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "Some text.", "qas": [
              {"id": "a", "question": "Answerable?", "answers": [{"text": "Some", "answer_start": 0}], "is_impossible": false},
              {"id": "b", "question": "Unanswerable?", "answers": [], "is_impossible": true},
              {"id": "c", "question": "v1.1 row?", "answers": [{"text": "text", "answer_start": 5}]}]}]}]}
            """);

        var questions = (await SquadDataset.LoadAsync(path)).Single().Questions;

        Assert.Equal([false, true, false], questions.Select(q => q.Unanswerable));
        Assert.Empty(questions[1].Answers);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("{\"version\": \"1.1\"}", "no \"data\"")]
    public async Task Malformed_files_name_the_file_and_the_problem(string content, string problem)
    {
        using var temp = new TempDirectory();
        var path = temp.Write("bad.json", content);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new RetrievalEvaluator(SharedEmbedder.Instance).EvaluateAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_reported()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new RetrievalEvaluator(SharedEmbedder.Instance).EvaluateAsync("/nonexistent/squad.json"));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The answer is The Eiffel Tower!", "eiffel tower", true)]
    [InlineData("It was in 1990s.", "1990", false)]
    [InlineData("Flour, and water.", "flour and water", true)]
    public void Squad_normalisation_matches_whole_words(string answer, string gold, bool expected) =>
        Assert.Equal(expected, SquadNormalizer.ContainsAny(answer, [gold]));
}
