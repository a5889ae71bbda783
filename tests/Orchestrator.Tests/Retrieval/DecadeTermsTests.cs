using Microsoft.Extensions.AI;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval;

/// <summary>A decade the question asks about matches the years and decades a sentence names (issue 13).</summary>
public sealed class DecadeTermsTests
{
    [Theory]
    [InlineData("Who played Doctor Who on stage in the 70's?", "1970s", "70")]
    [InlineData("What was the play performed in the 1970's?", "1970s", "1970")]
    [InlineData("What happened in the 1970s?", "1970s", "1970s")]
    [InlineData("Which films came out in the ’80s?", "1980s", "80s")]
    [InlineData("What changed in the 2000s?", "2000s", "2000s")]
    public void A_question_decade_is_one_term(string question, string decade, string written)
    {
        var (decades, writtenAs) = DecadeTerms.OfQuestion(question);

        Assert.Equal([decade], decades);
        Assert.Equal([written], writtenAs);
    }

    [Theory]
    [InlineData("How many days do I get in 1974?")]
    [InlineData("What costs EUR 300s?")] // not a decade: three digits
    [InlineData("Is 70 the limit?")]
    [InlineData("")]
    public void A_question_without_a_decade_has_none(string question) =>
        Assert.Empty(DecadeTerms.OfQuestion(question).Decades);

    [Theory]
    [InlineData("In the early 1970s, Trevor Martin played the role.", "1970s")]
    [InlineData("The play opened in 1974 in London.", "1970s")]
    [InlineData("It was a hit of the '70s.", "1970s")]
    public void A_sentence_gets_the_decade_of_its_years_and_decades(string sentence, string decade) =>
        Assert.Contains(decade, DecadeTerms.OfSentence(sentence));

    [Theory]
    [InlineData("The limit is EUR 1,974 per year.")]
    [InlineData("Version 1974.2 was released.")]
    [InlineData("Call 019745 for help.")]
    [InlineData("")]
    public void Amounts_and_codes_are_not_years(string sentence) =>
        Assert.Empty(DecadeTerms.OfSentence(sentence));

    [Fact]
    public void A_year_in_the_question_stays_an_exact_term()
    {
        var terms = SentenceScorer.QuestionTerms("Who played the Doctor in 1974?");

        Assert.Contains("1974", terms);
        Assert.DoesNotContain("1970s", terms);
    }

    [Fact]
    public async Task A_sentence_dated_in_the_asked_for_decade_outscores_one_from_another_decade()
    {
        const string seventies = "In 1974, Trevor Martin played the role in a stage play.";
        const string eighties = "In 1989, Jon Pertwee played the role in a stage play.";
        float[] same = [0.5f, 0.8660254f, 0f];
        var hit = new SearchHit(new Passage
        {
            ChunkId = "c1",
            Text = seventies + " " + eighties,
            Source = "doctor-who.md",
            Locator = "Stage",
            SentenceVectors = [new SentenceVector(seventies, same), new SentenceVector(eighties, same)],
        }, 0.5, 1, 1);

        var scored = await new SentenceScorer(new NoEmbedder(), new RetrievalOptions())
            .ScoreAsync("Who played the Doctor on stage in the 70's?", [1f, 0f, 0f], [hit], CancellationToken.None);

        Assert.True(scored.Single(s => s.Sentence == seventies).Score > scored.Single(s => s.Sentence == eighties).Score);
    }

    /// <summary>Every sentence here has a stored vector; embedding one would be a defect.</summary>
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
