using Orchestrator.Guardian.Groundedness;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// Which neighbouring sentences join an extractive answer, and in what order quotes of one
/// passage appear (issue 13: answer contains gold, the Berlin hotel answer's order).
/// </summary>
public sealed class AnswerQuoteOrderTests
{
    private const string HotelText =
        "Hotels Hotel rates are capped per night, including taxes and excluding breakfast, according to the city tier: - Tier 1 - London, Paris, Zurich: up to EUR 250 per night. - Tier 2 - Amsterdam, Berlin, Munich: up to EUR 180 per night. - Tier 3 - all other cities: up to EUR 130 per night.";

    private static SearchHit Hit(string id, string text = "", string locator = "Doc") =>
        new(new Passage { ChunkId = id, Text = text, Source = id + ".md", Locator = locator }, 0.5, 1, 1);

    /// <summary>Distinct unit vectors, so no two sentences read as near duplicates.</summary>
    private static float[] Axis(int axis)
    {
        var v = new float[12];
        v[axis] = 1;
        return v;
    }

    private static ScoredSentence Sentence(SearchHit hit, int position, string text, double score) =>
        new(hit, position, text, Axis(position % 12), score);

    private static ExtractiveAnswer Build(IReadOnlyList<SearchHit> hits, params ScoredSentence[] sentences) =>
        new ExtractiveAnswerBuilder(new RetrievalOptions()).Build(hits, sentences);

    [Fact]
    public void A_lead_in_ending_in_a_colon_is_quoted_before_the_list_row_that_leads_the_answer()
    {
        var hit = Hit("travel", HotelText, "Hotels");
        var parts = AnswerSentences.FromChunk(HotelText, "Hotels");
        Assert.Equal(4, parts.Count); // lead-in and three tier rows, as the PDF reader's text splits
        double[] scores = [0.80, 0.40, 0.90, 0.35]; // the Berlin row answers best; its lead-in is second
        var sentences = parts.Select((text, i) => Sentence(hit, i, text, scores[i])).ToArray();

        var answer = Build([hit], sentences);

        Assert.Equal(
            "Hotel rates are capped per night, including taxes and excluding breakfast, according to the city tier: [1] Tier 2 - Amsterdam, Berlin, Munich: up to EUR 180 per night. [1]",
            answer.Text);
    }

    [Fact]
    public async Task The_reordered_hotel_answer_passes_the_groundedness_check_as_two_quotes()
    {
        var hit = Hit("travel", HotelText, "Hotels");
        var parts = AnswerSentences.FromChunk(HotelText, "Hotels");
        double[] scores = [0.80, 0.40, 0.90, 0.35];
        var answer = Build([hit], [.. parts.Select((text, i) => Sentence(hit, i, text, scores[i]))]);
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);

        var result = await new GroundednessCheck(counting).CheckAsync(new GuardianCheckContext("What's the hotel budget per night in Berlin?", answer.Text, [hit.Passage]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal("all 2 sentences supported", result.Detail);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public void A_colon_sentence_after_the_lead_or_in_another_passage_does_not_move()
    {
        var hit = Hit("c1");
        var other = Hit("c2");
        var lead = Sentence(hit, 0, "Tier 2 cities are capped at EUR 180 per night.", 0.9);
        var laterLeadIn = Sentence(hit, 1, "The cities of each tier are:", 0.8);
        var elsewhereLeadIn = Sentence(other, 0, "Per diem rates are:", 0.85);

        Assert.StartsWith("Tier 2 cities", Build([hit, other], lead, laterLeadIn, elsewhereLeadIn).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_after_a_second_lead_in_is_not_introduced_by_the_first()
    {
        var hit = Hit("c1");
        var hotels = Sentence(hit, 0, "Hotel rates are capped per night, according to the city tier:", 0.8);
        var meals = Sentence(hit, 2, "Meal allowances are paid per day, according to the country:", 0.1);
        var row = Sentence(hit, 3, "Germany: EUR 40 per day.", 0.9);

        Assert.StartsWith("Germany: EUR 40", Build([hit], hotels, meals, row).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_that_opens_by_referring_back_to_a_quoted_one_joins_its_quote()
    {
        var hit = Hit("c1");
        var best = Sentence(hit, 0, "Warsaw's first stock exchange was established in 1817 and continued trading until World War II.", 1.0);
        var continuation = Sentence(hit, 1, "It was re-established in April 1991, following the end of communist control.", 0.55);
        var other = Sentence(hit, 3, "From 1991 until 2000, the stock exchange was located in a former party building.", 0.9);
        var today = Sentence(hit, 2, "Today, the Warsaw Stock Exchange is the largest market in the region.", 0.85);

        var answer = Build([hit], best, continuation, other, today);

        Assert.StartsWith("Warsaw's first stock exchange was established in 1817 and continued trading until World War II. It was re-established in April 1991, following the end of communist control. [1]", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.45, false)]
    [InlineData(0.55, true)]
    public void A_continuation_joins_only_above_half_the_best_score(double score, bool joins)
    {
        var hit = Hit("c1");
        var best = Sentence(hit, 0, "The simplest approach is to rapidly change non-essential epitopes.", 1.0);
        var continuation = Sentence(hit, 1, "This is called antigenic variation.", score);

        Assert.Equal(joins, Build([hit], best, continuation).Text.Contains("antigenic variation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_that_does_not_refer_back_is_no_continuation()
    {
        var hit = Hit("c1");
        var best = Sentence(hit, 0, "The simplest approach is to rapidly change non-essential epitopes.", 1.0);
        var next = Sentence(hit, 1, "Viruses mutate rapidly in their envelope proteins.", 0.55);

        Assert.Equal("The simplest approach is to rapidly change non-essential epitopes. [1]", Build([hit], best, next).Text);
    }

    [Fact]
    public void The_sentence_next_to_any_chosen_one_joins_at_the_neighbour_bar()
    {
        var hit = Hit("c1");
        var best = Sentence(hit, 0, "Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls.", 1.0);
        var second = Sentence(hit, 1, "Manning is also the oldest quarterback ever to play in a Super Bowl at age 39.", 0.98);
        var third = Sentence(hit, 2, "The past record was held by John Elway, who won Super Bowl XXXIII at age 38.", 0.7);

        var answer = Build([hit], best, second, third);

        Assert.Contains("John Elway", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lead_that_names_these_things_is_quoted_with_the_sentence_that_introduced_them()
    {
        var hit = Hit("c1");
        var before = Sentence(hit, 0, "Hyperbaric medicine uses special oxygen chambers to increase the partial pressure of oxygen.", 0.3);
        var lead = Sentence(hit, 1, "Carbon monoxide poisoning and decompression sickness are sometimes treated using these devices.", 1.0);

        Assert.StartsWith("Hyperbaric medicine uses special oxygen chambers", Build([hit], before, lead).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_about_the_document_is_not_quoted_as_the_continuation_of_the_one_before()
    {
        // "This policy explains ..." introduces the document; quoted after the chosen sentence it
        // read as part of its answer ("If you are unwell, rest and recover. This policy explains ...").
        var hit = Hit("c1");
        var chosen = Sentence(hit, 0, "Before you travel, check that your laptop is encrypted.", 1.0);
        var aboutTheDocument = Sentence(hit, 1, "This guide describes how to prepare your devices for a business trip.", 0.55);

        Assert.Equal("Before you travel, check that your laptop is encrypted. [1]", Build([hit], chosen, aboutTheDocument).Text);
    }

    [Theory]
    [InlineData("It was re-established in April 1991.", true)]
    [InlineData("As such, it made a significant contribution.", true)]
    [InlineData("In this way, they might be considered coercive.", true)]
    [InlineData("As part of this merger, the network would have been renamed.", true)]
    [InlineData("Note that the network was renamed.", false)]
    [InlineData("The past record was held by John Elway.", false)]
    [InlineData("Employees receive these benefits.", false)] // names "these" things, but opens on its own subject
    [InlineData("This merger created the largest network.", true)] // "this" before a noun the previous sentence named
    [InlineData("This policy explains how to report sickness.", false)] // the document itself, not the sentence before
    [InlineData("This guide describes how to connect to the VPN.", false)]
    [InlineData("This section covers travel booked by your assistant.", false)]
    [InlineData("Outside these hours an on-call engineer handles critical incidents only.", true)] // a preposition of place or extent
    [InlineData("Beyond this limit, the manager approves each claim.", true)]
    [InlineData("Within these teams, one person owns the rota.", true)]
    [InlineData("Outside the office, lock your screen.", false)] // no demonstrative: stands alone
    [InlineData("Beyond 30 days, claims need a director's approval.", false)]
    [InlineData("", false)]
    public void Continuations_open_by_referring_back(string sentence, bool continues) =>
        Assert.Equal(continues, AnswerLead.ContinuesPrevious(sentence));

    [Theory]
    [InlineData("Employees receive these benefits in addition.", true)]
    [InlineData("They are treated using these devices.", true)]
    [InlineData("Those who travel must book early.", true)] // an opening pronoun, as before
    [InlineData("Employees who travel must book those flights early.", false)]
    [InlineData("Thesis defences are public.", false)]
    public void A_sentence_naming_these_things_needs_its_antecedent(string sentence, bool needs) =>
        Assert.Equal(needs, AnswerLead.NeedsAntecedent(sentence));

    [Theory]
    [InlineData("In many parts of the United States, after the court case Brown v. Board of Education of Topeka, families organized academies.", 1)]
    [InlineData("Rev. Paul T. Stallsworth, president of the Taskforce, said he had every reason to believe it.", 1)]
    [InlineData("Politics: U.N. Secretary General Ban Ki-moon; American leaders John Adams.", 1)]
    [InlineData("He moved to the U.S.A. Then he returned.", 1)] // an acronym before a capital stays joined, as "U.S." always did
    [InlineData("The vote was 5 v. 3. The motion passed.", 2)]
    [InlineData("It was in A. B. and C. Then it ended.", 1)]
    public void Case_names_titles_and_dotted_acronyms_do_not_end_a_sentence(string text, int count) =>
        Assert.Equal(count, SentenceSplitter.Split(text).Count);
}
