using Microsoft.Extensions.AI;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// Which sentence leads the answer: the one that uses the question's own verb ("Your line manager
/// approves ..." for "Who approves my leave?"), not one that only shares its words or a noun of the
/// same stem ("... with People Team approval").
/// </summary>
public sealed class AnswerVerbLeadTests
{
    private static readonly float[] Question = [1f, 0f, 0f];

    // Both sentences sit at the same cosine to the question (off different axes, so neither is a
    // near-duplicate of the other) and share as many of its terms, with their chunk's heading: before
    // the verb rule the tie went to the first-ranked chunk.
    private static readonly float[] SameCosine = [0.5f, (float)Math.Sqrt(0.75), 0f];
    private static readonly float[] SameCosineElsewhere = [0.5f, 0f, (float)Math.Sqrt(0.75)];

    private static SearchHit Hit(string id, string text, string locator, float[]? vector = null) =>
        new(new Passage { ChunkId = id, Text = text, Source = id + ".md", Locator = locator, SentenceVectors = [new SentenceVector(text, vector ?? SameCosine)] }, 0.5, 1, 1);

    [Theory]
    [InlineData("Who approves my leave?", "Annual Leave Policy > Parental leave", "Leave you could not take because of parental leave may be carried over beyond the normal 5-day limit with People Team approval.", "Annual Leave Policy > Requesting leave", "Your line manager approves or declines requests within 5 working days.")]
    [InlineData("Who manages the office budget?", "Facilities > Budget", "Office budget questions go to facilities management.", "Facilities > Budget", "The facilities coordinator manages the office budget.")]
    [InlineData("When was the office kitchen renovated?", "Office > Kitchen", "The kitchen renovation plan was shared with the office in March 2024.", "Office > Kitchen", "The office kitchen was renovated in June 2025.")]
    [InlineData("How many laptops were replaced last year?", "IT > Laptops", "Laptop replacement requests rose to 140 last year.", "IT > Laptops", "IT replaced 85 laptops last year.")]
    public async Task The_sentence_that_uses_the_questions_verb_leads(string question, string firstLocator, string sharesWords, string secondLocator, string answers)
    {
        var wordsOnly = Hit("a", sharesWords, firstLocator);
        var verb = Hit("b", answers, secondLocator, SameCosineElsewhere);
        var scored = await new SentenceScorer(new NoEmbedder(), new RetrievalOptions()).ScoreAsync(question, Question, [wordsOnly, verb], CancellationToken.None);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([wordsOnly, verb], scored);

        Assert.StartsWith(answers, answer.Text, StringComparison.Ordinal);
        Assert.Contains(sharesWords, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verb_sentence_far_below_the_best_does_not_lead()
    {
        var first = Hit("a", "", "Doc");
        var second = Hit("b", "", "Doc");
        var best = new ScoredSentence(first, 0, "Leave requests need People Team approval.", SameCosine, 0.8);
        var weak = new ScoredSentence(second, 0, "Your line manager approves requests.", SameCosineElsewhere, 0.5, UsesQuestionVerb: true);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([first, second], [best, weak]);

        Assert.StartsWith("Leave requests need", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verb_sentence_without_the_asked_for_kind_does_not_lead_over_one_with_it()
    {
        var first = Hit("a", "", "Doc");
        var second = Hit("b", "", "Doc");
        var best = new ScoredSentence(first, 0, "The kitchen was last renovated in June 2025.", SameCosine, 0.8, Fit: 1);
        var untyped = new ScoredSentence(second, 0, "The kitchen was renovated by a local firm.", SameCosineElsewhere, 0.78, Fit: 0, UsesQuestionVerb: true);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([first, second], [best, untyped]);

        Assert.StartsWith("The kitchen was last renovated in June 2025.", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Who approves my leave?", "Your line manager approves or declines requests.", true)]
    [InlineData("Who approves my leave?", "Requests need People Team approval.", false)]
    [InlineData("Who approves my leave?", "Send the approved form to HR.", false)]
    [InlineData("Who previously held the record?", "The record was held by John Elway.", true)]
    [InlineData("When was the fort renamed?", "The Spanish renamed the fort San Mateo.", true)]
    [InlineData("What body has stated that doctors may dispense drugs?", "The law of the United States allows it.", false)]
    [InlineData("What caused the delay?", "A storm caused a two-day delay.", true)]
    [InlineData("How many days of leave do I get?", "Full-time employees get 25 days.", false)]
    [InlineData("When did the company move to Oslo?", "The company moved to Oslo in 2019.", false)]
    [InlineData("", "Anything at all.", false)]
    public void A_sentence_uses_the_questions_verb_only_as_a_verb(string question, string sentence, bool uses) =>
        Assert.Equal(uses, QuestionVerb.UsesAsVerb(sentence, QuestionVerb.LemmasOf(question)));

    [Theory]
    [InlineData("approves", "approv")]
    [InlineData("approved", "approv")]
    [InlineData("approving", "approv")]
    [InlineData("approval", "approval")]
    [InlineData("carried", "carry")]
    [InlineData("planned", "plan")]
    [InlineData("led", "led")]
    public void Lemmas_strip_verb_endings_only(string word, string lemma) =>
        Assert.Equal(lemma, QuestionVerb.Lemma(word));

    /// <summary>Every sentence in these tests has a stored vector; embedding one would be a defect.</summary>
    private sealed class NoEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No sentence should need embedding: " + string.Join(" | ", values));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
