using Orchestrator.Retrieval.Answers;

namespace Orchestrator.Tests.Retrieval;

public sealed class AnswerSentencesTests
{
    [Fact]
    public void Table_rows_become_key_value_sentences_and_the_header_and_rule_go()
    {
        var sentences = AnswerSentences.FromChunk("""
            | Benefit | What you get |
            |---|---|
            | Pension | Auto-enrolment at 4%, company match up to 6% of base salary |
            | **Learning budget** | EUR 1,500 per calendar year |
            """, "Summary");

        Assert.Equal(["Pension: Auto-enrolment at 4%, company match up to 6% of base salary.", "Learning budget: EUR 1,500 per calendar year."], sentences);
    }

    [Fact]
    public void A_table_flattened_into_one_line_by_the_reader_is_read_row_by_row()
    {
        var sentences = AnswerSentences.FromChunk("| Benefit | What you get | |---|---| | Pension | 4% | | Life insurance | 3 x annual base salary |", "Summary");

        Assert.Equal(["Pension: 4%.", "Life insurance: 3 x annual base salary."], sentences);
    }

    [Fact]
    public void Extra_columns_are_labelled_with_their_header()
    {
        var sentences = AnswerSentences.FromChunk("""
            | Level | Meaning | Examples |
            |---|---|---|
            | Public | Approved for anyone to see | Press releases |
            """, null);

        Assert.Equal(["Public: Approved for anyone to see; Examples: Press releases."], sentences);
    }

    [Fact]
    public void Bullets_bold_and_headings_are_removed_but_the_words_stay()
    {
        var sentences = AnswerSentences.FromChunk("""
            ## Entitlement
            - Full-time employees (40 hours per week) receive **25 days of paid annual leave** per leave year.
            1. Open the portal.
            """, "Entitlement");

        Assert.Equal(["Full-time employees (40 hours per week) receive 25 days of paid annual leave per leave year.", "Open the portal."], sentences);
    }

    [Fact]
    public void Pdf_headings_glued_to_the_next_sentence_are_dropped()
    {
        var sentences = AnswerSentences.FromChunk(
            "- Checked baggage is reimbursed for trips of 3 nights or more. Hotels Hotel rates are capped per night, according to the city tier: - Tier 1 - London, Paris: up to EUR 250 per night. - Tier 3 - all other cities: up to EUR 130 per night. Per diem For overnight trips you receive a per diem of EUR 55. Booking - Book all flights through the Travel Desk.",
            "page 1");

        Assert.Equal(
            [
                "Checked baggage is reimbursed for trips of 3 nights or more.",
                "Hotel rates are capped per night, according to the city tier:",
                "Tier 1 - London, Paris: up to EUR 250 per night.",
                "Tier 3 - all other cities: up to EUR 130 per night.",
                "For overnight trips you receive a per diem of EUR 55.",
                "Book all flights through the Travel Desk.",
            ],
            sentences);
    }

    [Theory]
    [InlineData("Northwind Labs provides laptops to every employee.")]
    [InlineData("Employees in Berlin get a local contact.")]
    [InlineData("Tier 2 - Amsterdam, Berlin: up to EUR 180 per night.")]
    public void Ordinary_sentences_that_start_with_names_are_kept_whole(string sentence) =>
        Assert.Equal([sentence], AnswerSentences.FromChunk(sentence, "page 2"));

    [Theory]
    [InlineData("")]
    [InlineData("-\n|\n---")]
    [InlineData("Leave year")]
    public void Fragments_without_a_statement_are_not_quotable(string text) =>
        Assert.Empty(AnswerSentences.FromChunk(text, null));

    [Fact]
    public void A_huge_chunk_or_a_malformed_table_does_not_throw()
    {
        var huge = string.Concat(Enumerable.Repeat("| a | b | c |\n", 5_000)) + new string('x', 100_000);
        var sentences = AnswerSentences.FromChunk(huge, "> > (");
        Assert.Equal(5_000, sentences.Count); // the 100,000-letter "word" has no statement in it
    }

    [Fact]
    public void List_items_stay_separate_sentences_so_each_remains_a_quote_of_one_line()
    {
        // Joining "- a, or" with the next item would read better, but the groundedness check
        // verifies quotes line by line, and a joined item is no longer a verbatim quote of either.
        var sentences = AnswerSentences.FromChunk("""
            - Employees who travel on business **more than 4 times a year**, or
            - employees who regularly buy goods or services for their team, with approval from their department head.
            """, "Corporate Card > Who can get a card");

        Assert.Equal(
            [
                "Employees who travel on business more than 4 times a year, or",
                "employees who regularly buy goods or services for their team, with approval from their department head.",
            ],
            sentences);
    }

    [Fact]
    public void A_list_of_ten_thousand_items_is_read_item_by_item()
    {
        var list = string.Concat(Enumerable.Repeat("- apples, pears and plums are ripe fruit today,\n", 10_000));

        var sentences = AnswerSentences.FromChunk(list, null);

        Assert.Equal(10_000, sentences.Count);
    }

    [Fact]
    public void A_table_of_ten_thousand_rows_becomes_ten_thousand_sentences()
    {
        var table = "| Item | Limit |\n|---|---|\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"| Item {i} | EUR {i} |\n"));

        var sentences = AnswerSentences.FromChunk(table, "Limits");

        Assert.Equal(10_000, sentences.Count);
        Assert.Equal("Item 9999: EUR 9999.", sentences[^1]);
    }

    [Fact]
    public void A_one_megabyte_passage_of_prose_is_split_into_its_sentences()
    {
        var prose = string.Concat(Enumerable.Repeat("The card limit is EUR 2,500 per month. ", 26_000));

        var sentences = AnswerSentences.FromChunk(prose, null);

        Assert.True(prose.Length > 1_000_000);
        Assert.Equal(26_000, sentences.Count);
    }

    [Theory]
    [InlineData("- Тhe сard limit is ЕUR 2,500, or\n- ЕUR 5,000 for frequent travellers.")] // Cyrillic Т, с, Е
    [InlineData("- ｆｕｌｌ-ｗｉｄｔｈ ｌｉｓｔ， or\n- ｎｅｘｔ ｉｔｅｍ．")]
    [InlineData("\u202e- reversed, or\n\u200b- zero width.")]
    [InlineData("| Кey | Vаlue |\n|---|---|\n| Lіmit | ЕUR 2,500 |")]
    public void Confusable_and_invisible_characters_are_quoted_as_written(string text)
    {
        var sentences = AnswerSentences.FromChunk(text, "Card");

        Assert.All(sentences, s => Assert.All(s.Split(' ', StringSplitOptions.RemoveEmptyEntries), w => Assert.Contains(w.Trim('.', ',', ':', ';'), text, StringComparison.Ordinal)));
    }
}
