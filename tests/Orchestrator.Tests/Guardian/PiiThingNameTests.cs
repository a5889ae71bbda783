using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// PII v7 (issue 11, branch guard18): capitalised runs that name a thing, a place or a firm, not a person, even
/// when they open with a listed first name: venues and events ("Stanley Cup"), holidays, teams, a firm or
/// landmark named after its town, a run that "its" refers back to, a place after a phrase of travel, an
/// eponym ("Murphy's Law"), a town before a state code, a role before a name, field labels; and a street with no
/// street type before a town and postcode ("Hašlerova 4, Klatovy 518 04"). Each rule has a
/// sentence it must change and one it must leave alone. Sentences written for these tests, not the Presidio
/// generator's.
/// </summary>
public sealed class PiiThingNameTests
{
    private readonly PiiDetector _detector = new();

    private List<string> People(string text) =>
        _detector.Detect(text).Where(s => s.Type == PiiType.Person).Select(s => s.Value).ToList();

    [Theory]
    [InlineData("Yesterday we talked about Stanley Cup for an hour.")] // a first name, then an event word
    [InlineData("The slides mention Victoria Station twice.")]
    [InlineData("I read an article about Madison Square Garden this morning.")]
    [InlineData("Everybody at the office was talking about Boston Marathon.")]
    [InlineData("Can you send me the notes on Christmas Eve before Friday?")] // a holiday
    [InlineData("I read an article about Oakland Raiders this morning.")] // a team: a place and a plural noun
    [InlineData("Everybody at the office was talking about Manchester Wolves.")]
    [InlineData("I read an article about Murphy's Law this morning.")] // the possessive ends the name
    public void A_venue_an_event_a_holiday_a_team_or_an_eponym_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Theory]
    [InlineData("Yesterday we talked about Stanley Kowalczyk for an hour.", "Stanley Kowalczyk")]
    [InlineData("We talked to Eve Kowalczyk yesterday.", "Eve Kowalczyk")]
    [InlineData("I read an article about Steve Jobs this morning.", "Steve Jobs")] // a first name before the plural
    [InlineData("What's your name? Jildau S Bouts", "Jildau S Bouts")] // "bouts" is a plural word, "Jildau" no English word
    [InlineData("Karen Walsh's office is upstairs.", "Karen Walsh")]
    public void A_person_with_such_a_word_nearby_stays_a_person(string text, string name) =>
        Assert.Equal([name], People(text));

    [Theory]
    [InlineData("Tetela de Ocampo is known for its old bridge.")]
    [InlineData("According to Ballerup Beton, the service is down.")] // a town, then a trade
    [InlineData("The train to Santiago leaves at noon.")] // a first name after a phrase of travel
    [InlineData("Le Vigen council approved the new park.")]
    [InlineData("Thanks for choosing Birkerød Biotek.")]
    [InlineData("Our supplier Victoria has an office in Bridgeport.")]
    [InlineData("The parcel for Lawrence, KS arrived.")] // a town before a state code
    [InlineData("Job: programmer")] // a field label, not a speaker
    public void A_place_or_a_firm_by_its_context_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Theory]
    [InlineData("Maria Laursen said the company lost its lead.", "Maria Laursen")] // "its" belongs to the company
    [InlineData("We met Milan Kowalski at the fair.", "Milan Kowalski")] // a place that is also a first name
    [InlineData("We sent flowers to Santiago Ramírez.", "Santiago Ramírez")] // no phrase of travel
    [InlineData("On the way to Anna Berg's office we stopped.", "Anna Berg")]
    [InlineData("Anna Berg approved the new park.", "Anna Berg")]
    [InlineData("Thanks Birgit Nielsen for choosing us.", "Birgit Nielsen")]
    [InlineData("We met Victoria at the fair.", "Victoria")]
    [InlineData("Anna Berg, MD signed the form.", "Anna Berg")] // MD is a degree here, not Maryland
    [InlineData("Nicole: Remember me?", "Nicole")]
    public void A_person_in_a_similar_sentence_stays_a_person(string text, string name) =>
        Assert.Equal([name], People(text));

    [Theory]
    [InlineData("Other speakers included Teacher Oliver Malachi and others.", "Oliver Malachi")]
    [InlineData("Happy Birthday Sarah!", "Sarah")]
    public void A_role_or_an_occasion_before_a_name_is_left_out(string text, string name) =>
        Assert.Equal([name], People(text));

    [Fact]
    public void What_a_role_leaves_must_still_look_like_a_name() =>
        Assert.Empty(People("Contact Customer Service for details."));

    [Theory]
    [InlineData("The parcel went to Hašlerova 4, Klatovy 518 04 instead of my flat.", "Hašlerova 4, Klatovy 518 04")]
    [InlineData("Skovbrynet 98, Greve Strand 7364", "Skovbrynet 98, Greve Strand 7364")]
    [InlineData("The parcel went to Za Jalovým Dvorem 766, 98594 Chlumec instead of my flat.", "Za Jalovým Dvorem 766, 98594 Chlumec")]
    public void A_street_without_a_street_type_is_an_address_when_a_town_and_postcode_follow(string text, string address) =>
        Assert.Contains(_detector.Detect(text), s => s.Type == PiiType.StreetAddress && s.Value.Contains(address, StringComparison.Ordinal));

    [Theory]
    [InlineData("See Chapter 4, Table 2345 for details.")] // English words
    [InlineData("Windows 10, Version 2004 is out.")]
    [InlineData("Hašlerova 4, Klatovy is nice.")] // no postcode
    [InlineData("Skovbrynet 98, Greve Strand 1998")] // a year, not a postcode
    [InlineData("Oslo 12, Bergen 45000")] // a town, not a street
    public void Numbered_words_before_a_comma_without_that_evidence_are_no_address(string text) =>
        Assert.DoesNotContain(_detector.Detect(text), s => s.Type == PiiType.StreetAddress);

    [Fact]
    public void A_megabyte_of_street_like_lists_finishes()
    {
        var text = string.Concat(Enumerable.Repeat("Hašlerova Dolní Horní 4, Klatovy Malé Velké 518 04, ", (1 << 20) / 52));
        Assert.Contains(_detector.Detect(text), s => s.Type == PiiType.StreetAddress);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Cup")]
    [InlineData("Stanley's")]
    [InlineData("Teacher")]
    [InlineData("Teacher Teacher")]
    [InlineData("Lawrence,")]
    [InlineData("Lawrence, K")]
    [InlineData("Boston its")]
    [InlineData("train to")]
    public void Fragments_do_not_throw(string text) =>
        Assert.NotNull(_detector.Detect(text));

    [Fact]
    public void Hidden_characters_inside_a_venue_do_not_make_it_a_person() =>
        Assert.Empty(People("Yesterday we talked about Stan\u200Bley Cup for an hour."));

    [Fact]
    public void A_megabyte_of_capitalised_words_finishes_and_keeps_names_short()
    {
        var chunk = "Stanley Cup Victoria Station Teacher Oliver Malachi Oakland Raiders Murphy's Law Christmas Eve Lawrence, KS its ";
        var text = string.Concat(Enumerable.Repeat(chunk, (1 << 20) / chunk.Length));
        var people = _detector.Detect(text).Where(s => s.Type == PiiType.Person).ToList();
        Assert.All(people, p => Assert.True(p.Value.Split(' ').Length <= 6, p.Value));
    }
}
