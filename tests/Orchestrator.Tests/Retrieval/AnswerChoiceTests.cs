using Microsoft.Extensions.AI;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval;

/// <summary>Which sentences an extractive answer quotes, and how it opens (issue 13, part 2).</summary>
public sealed class AnswerChoiceTests
{
    private static readonly float[] Question = [1f, 0f, 0f];

    private static SearchHit Hit(string id, string text, string locator, IReadOnlyList<SentenceVector>? vectors = null) =>
        new(new Passage { ChunkId = id, Text = text, Source = id + ".md", Locator = locator, SentenceVectors = vectors }, 0.5, 1, 1);

    /// <summary>A unit vector at the given cosine to <see cref="Question"/>, tilted off a distinct axis so sentences differ.</summary>
    private static float[] Vector(double cosine, int axis)
    {
        var v = new float[3];
        v[0] = (float)cosine;
        v[axis] = (float)Math.Sqrt(1 - (cosine * cosine));
        return v;
    }

    private static ScoredSentence Sentence(SearchHit hit, int position, string text, double score, int axis = 1) =>
        new(hit, position, text, Vector(0.5, axis), score);

    [Fact]
    public void A_lead_that_opens_with_a_pronoun_is_quoted_with_the_sentence_that_names_it()
    {
        var hit = Hit("c1", "", "Super Bowl 50");
        var named = Sentence(hit, 0, "Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls.", 0.4, 1);
        var lead = Sentence(hit, 1, "He is also the oldest quarterback ever to play in a Super Bowl at age 39.", 0.9, 2);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit], [named, lead]);

        Assert.Equal("Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls. He is also the oldest quarterback ever to play in a Super Bowl at age 39. [1]", answer.Text);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public void The_antecedent_is_not_repeated_when_it_was_also_chosen_on_its_own()
    {
        var hit = Hit("c1", "", "Doc");
        var named = Sentence(hit, 0, "Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls.", 0.85, 1);
        var lead = Sentence(hit, 1, "He is also the oldest quarterback ever to play in a Super Bowl at age 39.", 0.9, 2);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit], [named, lead]);

        Assert.Equal(1, CountOf(answer.Text, "Peyton Manning became"));
        Assert.StartsWith("Peyton Manning became", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lead_that_names_its_subject_or_opens_its_chunk_stands_alone()
    {
        var hit = Hit("c1", "", "Doc");
        var first = Sentence(hit, 0, "It is the first sentence of the chunk and has nothing before it.", 0.9, 1);
        var other = Hit("c2", "", "Doc");
        var before = Sentence(other, 0, "Full-time employees receive 25 days of paid leave.", 0.2, 1);
        var named = Sentence(other, 1, "Itineraries are booked through the travel portal.", 0.8, 2);

        var builder = new ExtractiveAnswerBuilder(new RetrievalOptions());

        Assert.StartsWith("It is the first sentence", builder.Build([hit], [first]).Text, StringComparison.Ordinal);
        Assert.StartsWith("Itineraries are booked", builder.Build([other], [before, named]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sentence_next_to_the_best_one_joins_at_a_lower_bar_than_one_from_elsewhere()
    {
        var hit = Hit("c1", "", "Doc");
        var other = Hit("c2", "", "Doc");
        var best = Sentence(hit, 1, "Polonia Warsaw managed to win the championship in 2000.", 1.0, 1);
        var next = Sentence(hit, 2, "They also won the championship in 1946, and the cup twice.", 0.65, 2);
        var far = Sentence(hit, 5, "Polonia was relegated from the top flight in 2013.", 0.7, 1);
        var elsewhere = Sentence(other, 0, "Legia Warsaw is the most successful club in the city.", 0.7, 2);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit, other], [best, next, far, elsewhere]);

        Assert.Equal("Polonia Warsaw managed to win the championship in 2000. [1] They also won the championship in 1946, and the cup twice. [1]", answer.Text);
    }

    [Theory]
    [InlineData(0.6, true)]
    [InlineData(0.4, false)] // too far from the topic: a figure on another subject never joins
    public void A_question_asking_for_a_figure_gets_the_best_sentence_with_one_when_the_chosen_have_none(double typedScore, bool joins)
    {
        var hit = Hit("c1", "", "Scottish Parliament");
        var best = new ScoredSentence(hit, 0, "A number of qualifications apply to being a member.", Vector(0.5, 1), 1.0, 0);
        var typed = new ScoredSentence(hit, 3, "Members must be over the age of 18.", Vector(0.5, 2), typedScore, 1);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit], [best, typed]);

        Assert.Equal(joins, answer.Text.Contains("age of 18", StringComparison.Ordinal));
        Assert.StartsWith("A number of qualifications", answer.Text, StringComparison.Ordinal); // the lead stays
    }

    [Theory]
    [InlineData("The other days can be worked from home.", "Working fully remote requires approval.", "Offices are in Amsterdam and Berlin.", "Our anchor days are Tuesday and Thursday.")]
    [InlineData("A number of qualifications apply to being a member.", "Members are elected by the public.", "Membership is open to residents.", "Members must be over the age of 18.")]
    public void A_sentence_of_the_asked_for_kind_takes_the_weakest_place_when_sentences_without_it_fill_the_cap(
        string lead, string second, string third, string typed)
    {
        // "Which days ...?" and "How old must a member be?": three topical sentences without the kind
        // asked for filled the cap, so the one sentence that names it (at 0.6 of the best score,
        // above the typed-answer bar) was never quoted.
        var hit = Hit("c1", "", "Doc");
        var sentences = new[]
        {
            new ScoredSentence(hit, 0, lead, Axis(1), 1.0, 0),
            new ScoredSentence(hit, 4, second, Axis(2), 0.9, 0),
            new ScoredSentence(hit, 8, third, Axis(3), 0.8, 0),
            new ScoredSentence(hit, 12, typed, Axis(4), 0.6, 1),
        };

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit], sentences);

        Assert.Equal($"{lead} [1] {second} [1] {typed} [1]", answer.Text); // the lead stays; the weakest untyped one gives way
    }

    [Fact]
    public void With_a_one_sentence_cap_the_lead_is_not_replaced_by_a_weaker_typed_sentence()
    {
        var hit = Hit("c1", "", "Doc");
        var lead = new ScoredSentence(hit, 0, "A number of qualifications apply to being a member.", Axis(1), 1.0, 0);
        var typed = new ScoredSentence(hit, 3, "Members must be over the age of 18.", Axis(2), 0.6, 1);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions { MaxAnswerSentences = 1 }).Build([hit], [lead, typed]);

        Assert.Equal("A number of qualifications apply to being a member. [1]", answer.Text);
    }

    private static float[] Axis(int axis)
    {
        var v = new float[8];
        v[axis] = 1;
        return v;
    }

    [Fact]
    public void Without_an_asked_for_kind_no_sentence_joins_for_its_figure()
    {
        var hit = Hit("c1", "", "Doc");
        var best = new ScoredSentence(hit, 0, "The parliament meets in Edinburgh.", Vector(0.5, 1), 1.0);
        var figure = new ScoredSentence(hit, 3, "It has 129 members.", Vector(0.5, 2), 0.6);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([hit], [best, figure]);

        Assert.Equal("The parliament meets in Edinburgh. [1]", answer.Text);
    }

    [Theory]
    [InlineData("He is also the oldest quarterback.", true)]
    [InlineData("They then beat the Patriots.", true)]
    [InlineData("This is called antigenic variation.", true)]
    [InlineData("It's only fair that you pay more.", true)]
    [InlineData("Hence the name.", false)]
    [InlineData("Itineraries are booked online.", false)]
    [InlineData("Theme parks are closed.", false)]
    [InlineData("he is lower-case, as in a fragment.", false)]
    [InlineData("Не is Cyrillic, not a pronoun.", false)]
    [InlineData("", false)]
    public void Pronoun_leads_are_recognised_by_their_first_word(string sentence, bool needsAntecedent) =>
        Assert.Equal(needsAntecedent, AnswerLead.NeedsAntecedent(sentence));

    [Fact]
    public async Task Section_headings_count_as_the_words_of_the_sentences_under_them()
    {
        const string text = "From the 4th consecutive working day onwards, you must upload a doctor's note.";
        var vectors = new[] { new SentenceVector(text, Vector(0.5, 1)) };
        var sick = Hit("sick", text, "Sick Leave Policy > Doctor's note", vectors);
        var annual = Hit("annual", text, "Annual Leave Policy > Booking", vectors);

        var scored = await new SentenceScorer(new NoEmbedder(), new RetrievalOptions())
            .ScoreAsync("When do I need a doctor's note for sick leave?", Question, [annual, sick], CancellationToken.None);

        Assert.True(scored.Single(s => s.Hit == sick).Score > scored.Single(s => s.Hit == annual).Score);
    }

    [Fact]
    public async Task A_chunk_without_a_locator_is_scored_on_its_own_words()
    {
        const string text = "Carried-over days must be used by 31 March.";
        var hit = Hit("c", text, "", [new SentenceVector(text, Vector(0.5, 1))]);

        var scored = await new SentenceScorer(new NoEmbedder(), new RetrievalOptions()).ScoreAsync("Until when can I use carried-over days?", Question, [hit], CancellationToken.None);

        Assert.Single(scored);
    }

    [Theory]
    [InlineData("I work 3 days a week, how much holiday do I get?", "For example, someone working 3 days a week (24 hours) receives 15 days.", false)]
    [InlineData("How much holiday do part-timers get?", "For example, someone working 3 days a week (24 hours) receives 15 days.", true)]
    [InlineData("I work 4 days a week, how much holiday do I get?", "For example, someone working 3 days a week (24 hours) receives 15 days.", true)]
    [InlineData("How many days do I get?", "Is that enough?", true)]
    [InlineData("How many days do I get?", "Full-time employees receive 25 days.", false)]
    public void An_example_is_a_non_answer_unless_it_is_the_askers_own_case(string question, string sentence, bool nonAnswer) =>
        Assert.Equal(nonAnswer, SentenceScorer.LooksLikeNonAnswer(sentence, SentenceScorer.KeywordTerms(question)));

    [Fact]
    public async Task Empty_passages_give_no_sentences_and_an_empty_answer()
    {
        var empty = Hit("e", "", "");
        var blank = Hit("b", "   \n\n| |\n", "Doc > ");

        var scored = await new SentenceScorer(new NoEmbedder(), new RetrievalOptions()).ScoreAsync("Who?", Question, [empty, blank], CancellationToken.None);
        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([empty, blank], scored);

        Assert.Empty(scored);
        Assert.Equal("", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public void A_pronoun_lead_whose_previous_sentence_is_in_another_chunk_stands_alone()
    {
        var first = Hit("c1", "", "Doc");
        var second = Hit("c2", "", "Doc");
        var elsewhere = Sentence(first, 0, "Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls.", 0.1, 1);
        var lead = Sentence(second, 1, "He is also the oldest quarterback ever to play in a Super Bowl at age 39.", 0.9, 2);

        var answer = new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([second, first], [elsewhere, lead]);

        Assert.Equal("He is also the oldest quarterback ever to play in a Super Bowl at age 39. [1]", answer.Text);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

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
