using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// What an extractive answer quotes beyond its chosen sentences, from where they sit in the text:
/// the rest of a chosen list item or paragraph line, the instruction step before a chosen step, and
/// no unrelated sentence from another chunk when nothing matches well (issue 13, answers24).
/// </summary>
public sealed class AnswerLineTests
{
    private static SearchHit Hit(string id) =>
        new(new Passage { ChunkId = id, Text = "", Source = id + ".md", Locator = "Doc" }, 0.5, 1, 1);

    /// <summary>Distinct unit vectors, so no two sentences read as near duplicates.</summary>
    private static float[] Axis(int axis)
    {
        var v = new float[16];
        v[axis] = 1;
        return v;
    }

    private static ScoredSentence Sentence(SearchHit hit, int position, int line, string text, double score, bool sharesTerm = true) =>
        new(hit, position, text, Axis(position % 16), score, SharesQuestionTerm: sharesTerm, Line: line);

    private static string Answer(params ScoredSentence[] sentences) =>
        new ExtractiveAnswerBuilder(new RetrievalOptions()).Build([.. sentences.Select(s => s.Hit).Distinct()], sentences).Text;

    [Fact]
    public void The_rest_of_a_quoted_list_item_joins_its_quote()
    {
        // "Will I get a replacement?": the bullet's case ("If your bicycle is stolen, report it") is quoted,
        // its second sentence (the replacement) was left out below the neighbour bar.
        var hit = Hit("bikes");
        var lead = Sentence(hit, 0, 0, "If your lease bicycle is stolen, report it to the police and to Facilities.", 1.0);
        var rest = Sentence(hit, 1, 0, "Facilities arranges a replacement bicycle within 5 working days.", 0.55);
        var nextItem = Sentence(hit, 2, 1, "Accessories are not covered by the lease.", 0.55);

        var answer = Answer(lead, rest, nextItem);

        Assert.Equal("If your lease bicycle is stolen, report it to the police and to Facilities. Facilities arranges a replacement bicycle within 5 working days. [1]", answer);
    }

    [Theory]
    [InlineData(0, 0.55, true)] // same line, above half the best score
    [InlineData(0, 0.45, false)] // same line, below the continuation bar
    [InlineData(1, 0.55, false)] // the next line: another point, no continuation
    [InlineData(-1, 0.55, false)] // lines unknown
    public void A_same_line_sentence_joins_only_above_half_the_best_score(int line, double score, bool joins)
    {
        var hit = Hit("c1");
        var lead = Sentence(hit, 0, line < 0 ? -1 : 0, "Visitors sign in at reception with photo ID.", 1.0);
        var next = Sentence(hit, 1, line, "Badges are returned at the end of the visit.", score);

        Assert.Equal(joins, Answer(lead, next).Contains("Badges are returned", StringComparison.Ordinal));
    }

    [Fact]
    public void An_instruction_step_is_quoted_with_the_instruction_step_before_it()
    {
        var hit = Hit("keys");
        var open = Sentence(hit, 0, 0, "Open the Facilities portal at https://facilities.example.", 0.4);
        var choose = Sentence(hit, 1, 1, "Choose Access > Replacement key and give your desk number.", 1.0);
        var rule = Sentence(hit, 2, 2, "Keys cost EUR 20 after the second replacement.", 0.3);

        Assert.Equal("Open the Facilities portal at https://facilities.example. Choose Access > Replacement key and give your desk number. [1]", Answer(open, choose, rule));
    }

    [Fact]
    public void A_step_is_not_given_a_statement_or_a_paragraph_end_as_the_step_before()
    {
        var hit = Hit("keys");
        var statement = Sentence(hit, 0, 0, "Replacement keys are ordered by Facilities.", 0.4);
        var choose = Sentence(hit, 1, 1, "Choose Access > Replacement key and give your desk number.", 1.0);
        Assert.Equal("Choose Access > Replacement key and give your desk number. [1]", Answer(statement, choose));

        var other = Hit("para");
        var opening = Sentence(other, 0, 0, "Keys open every door on your floor.", 0.2);
        var paragraphEnd = Sentence(other, 1, 0, "Open the portal to see them.", 0.4);
        var step = Sentence(other, 2, 1, "Choose Access > Replacement key.", 1.0);
        Assert.Equal("Choose Access > Replacement key. [1]", Answer(opening, paragraphEnd, step));

        var rules = Hit("rules");
        var instruction = Sentence(rules, 0, 0, "Open the Facilities portal at https://facilities.example.", 0.4);
        var ruleLead = Sentence(rules, 1, 1, "Keys cost EUR 20 after the second replacement.", 1.0);
        Assert.Equal("Keys cost EUR 20 after the second replacement. [1]", Answer(instruction, ruleLead));
    }

    [Fact]
    public void A_sentence_from_another_chunk_that_shares_no_question_term_does_not_join()
    {
        // "Who do I ask about my payslip?" on a handbook without payroll: the help desk leads, and a
        // Wi-Fi sentence from another section scored alike on similarity and the contact bonus alone.
        var help = Hit("help");
        var wifi = Hit("wifi");
        var lead = Sentence(help, 0, 0, "For anything else that does not work, write to help@example.com.", 0.246, sharesTerm: false);
        var filler = Sentence(wifi, 1, 1, "Visitors use the network team-guest; its password is printed at reception.", 0.238, sharesTerm: false);
        var related = Sentence(wifi, 4, 4, "Payslips are explained by the payroll desk at reception.", 0.236, sharesTerm: true);

        var answer = Answer(lead, filler, related);

        Assert.DoesNotContain("team-guest", answer, StringComparison.Ordinal);
        Assert.Contains("Payslips are explained", answer, StringComparison.Ordinal);
        Assert.StartsWith("For anything else", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_from_another_chunk_joins_as_before_when_the_best_sentence_shares_a_question_term()
    {
        var help = Hit("help");
        var wifi = Hit("wifi");
        var lead = Sentence(help, 0, 0, "Payslips are published in PeopleHub on the 25th.", 0.5, sharesTerm: true);
        var support = Sentence(wifi, 1, 1, "Salary questions go to the payroll desk at reception.", 0.45, sharesTerm: false);

        Assert.Contains("payroll desk", Answer(lead, support), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_of_the_leads_chunk_that_shares_no_question_term_still_joins()
    {
        var help = Hit("help");
        var lead = Sentence(help, 0, 0, "For anything else that does not work, write to help@example.com.", 0.246, sharesTerm: false);
        var later = Sentence(help, 3, 3, "The help desk answers on working days within four hours.", 0.240, sharesTerm: false);

        Assert.Contains("within four hours", Answer(lead, later), StringComparison.Ordinal);
    }

    [Fact]
    public void Sentences_carry_the_line_they_come_from()
    {
        var (sentences, lines) = AnswerSentences.FromChunkWithLines(
            "Visitors sign in at reception. Badges are returned at the end.\nOpen the portal.\n| Floor | Room |\n|---|---|\n| 2 | Atlas |\n| 3 | Borealis |",
            "Visitors");

        Assert.Equal(["Visitors sign in at reception.", "Badges are returned at the end.", "Open the portal.", "2: Atlas.", "3: Borealis."], sentences);
        Assert.Equal([0, 0, 1, 2, 3], lines);
    }
}
