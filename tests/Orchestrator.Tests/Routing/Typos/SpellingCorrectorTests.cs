using System.Text;
using Orchestrator.Routing.Typos;

namespace Orchestrator.Tests.Routing.Typos;

/// <summary>The spelling corrector alone: what it fixes, what it must never touch, and hostile input.</summary>
public sealed class SpellingCorrectorTests
{
    private static readonly SpellingCorrector Corrector = SpellingCorrector.FromTexts(
    [
        "How many vacation days do I get per year?",
        "What is the minimum password length?",
        "How do I report a phishing email?",
        "Do I need a doctor's note if I'm off sick for two days?",
        "When is the helpdesk open?",
        "What's the hotel limit per night in London?",
        "Contact Anna de Vries at hr@northwind.example about NW-1004",
    ]);

    [Theory]
    [InlineData("how mnay vacaton days do i get", "how many vacation days do i get")]
    [InlineData("wat is the minimun pasword lenght", "wat is the minimum password length")]
    [InlineData("how do i reprot a phising email", "how do i report a phishing email")]
    [InlineData("Vacaton days?", "Vacation days?")]
    [InlineData("when is the helpdesk opne", "when is the helpdesk open")]
    public void Misspelled_words_become_the_likeliest_known_word(string text, string expected)
    {
        var correction = Corrector.Correct(text);

        Assert.Equal(expected, correction.Text);
        Assert.True(correction.Changed);
    }

    [Theory]
    [InlineData("How many vacation days do I get per year?")]
    [InlineData("What is the capital of France?")] // general English words the training set never saw
    [InlineData("my manager approved the sabbatical")]
    [InlineData("Order 12345 and 4711 are late")] // numbers
    [InlineData("mail anan@northwind.example or ann.devries@example.com")] // e-mail addresses
    [InlineData("ticket NW-1004 and INC0012345 and SKU-99x")] // codes
    [InlineData("ask Anan Devris from Nortwind")] // capitalised names, even unknown ones
    [InlineData("the VPNN and HRIS are down")] // acronyms
    [InlineData("visit https://intranet.nortwind.example/vacaton")] // links
    [InlineData("it's an e-mial about the follow-upp")] // hyphenated words
    [InlineData("dont cant wont whats")] // contractions without apostrophes
    [InlineData("café naïve résumé vacatón")] // non-ASCII letters
    [InlineData("the pasword_policy file")] // identifiers
    [InlineData("")]
    [InlineData("   ")]
    public void Correct_words_numbers_names_addresses_and_codes_are_left_alone(string text)
    {
        var correction = Corrector.Correct(text);

        Assert.Equal(text, correction.Text);
        Assert.False(correction.Changed);
        Assert.Empty(correction.Words);
    }

    [Fact]
    public void The_rest_of_the_text_is_kept_exactly()
    {
        var correction = Corrector.Correct("  Hi!\tHow mnay\r\nvacaton, days?? 😀 (pasword)  ");

        Assert.Equal("  Hi!\tHow many\r\nvacation, days?? 😀 (password)  ", correction.Text);
        Assert.Equal([new WordCorrection("mnay", "many"), new WordCorrection("vacaton", "vacation"), new WordCorrection("pasword", "password")], correction.Words);
    }

    [Theory]
    [InlineData("any fares or inquiries about the tracker")] // rare words of the encoder's vocabulary are still words
    public void Words_of_the_general_vocabulary_are_known_however_rare(string text)
    {
        Assert.Equal(text, Corrector.Correct(text).Text);
    }

    [Fact]
    public void Hostile_input_is_bounded_and_never_throws()
    {
        var huge = new string('a', 1_000_000);
        Assert.Equal(huge, Corrector.Correct(huge).Text);

        var manyTypos = string.Join(' ', Enumerable.Repeat("vacaton", 10_000));
        var corrected = Corrector.Correct(manyTypos);
        Assert.Equal(SpellingCorrector.MaxWordsChecked, corrected.Words.Count);
        Assert.Equal(manyTypos.Length + SpellingCorrector.MaxWordsChecked, corrected.Text.Length);

        var control = "how mnay\0\u0001\u001b[31m vacaton\u200b\u202e days\uFFFD\uD800";
        // Control characters separate words; a word glued to a format character or escape sequence is left alone.
        Assert.Equal("how many\0\u0001\u001b[31m vacaton\u200b\u202e days\uFFFD\uD800", Corrector.Correct(control).Text);

        var emoji = string.Concat(Enumerable.Repeat("🙂🙃 ", 20_000));
        Assert.Equal(emoji, Corrector.Correct(emoji).Text);

        var random = new Random(5);
        var noise = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            noise.Append((char)random.Next(0, 0xFFFF));
        }

        _ = Corrector.Correct(noise.ToString()); // must not throw on unpaired surrogates or any code unit
    }

    [Fact]
    public void An_empty_vocabulary_still_corrects_from_general_english()
    {
        var corrector = SpellingCorrector.FromTexts([]);

        // Without domain words the general frequency decides: "mnay" reads as the more frequent "may".
        Assert.Equal("how may vacation days", corrector.Correct("how mnay vacaton days").Text);
        Assert.Equal(0, corrector.VocabularySize);
    }

    [Fact]
    public void Null_and_blank_training_texts_are_ignored()
    {
        var corrector = SpellingCorrector.FromTexts([null, "", "  ", "holiday"]);

        Assert.Equal(1, corrector.VocabularySize);
        Assert.Equal("holiday", corrector.Correct("holidy").Text);
    }
}
