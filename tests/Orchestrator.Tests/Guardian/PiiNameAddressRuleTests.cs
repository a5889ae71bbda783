using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// PII v3: the person rules (international name list, cues, vocatives, speaker labels, lists,
/// lower-case names, organisation and place context) and address continuation, plus hostile input.
/// The sentences are written for these tests, not taken from the Presidio generator.
/// </summary>
public sealed class PiiNameAddressRuleTests
{
    private readonly PiiDetector _detector = new();

    private IEnumerable<string> Values(string text, PiiType type) =>
        _detector.Detect(text).Where(s => s.Type == type).Select(s => s.Value);

    [Theory]
    [InlineData("The report was reviewed by Kaczmarek before it went out.", "Kaczmarek")] // surname shape, mid-sentence
    [InlineData("Yesterday I had lunch with Ms. Ingrid Halvorsen.", "Ingrid Halvorsen")] // title
    [InlineData("please forward it to ms. Wojciechowska", "Wojciechowska")] // lower-case title with its dot
    [InlineData("Her maiden name is Key", "Key")] // strong cue makes an ordinary word a name
    [InlineData("They named him Frank", "Frank")]
    [InlineData("Are you coming tonight, Gunnhild?", "Gunnhild")] // vocative
    [InlineData("Don't forget the keys, Tomasz!", "Tomasz")]
    [InlineData("John: I'll be late today.\nMary: No problem.", "John")] // speaker label
    [InlineData("The contract was signed by Mr. John Olofsson.", "John Olofsson")] // title's dot is no sentence end
    [InlineData("Anneliese  Brückner\nProcurement lead", "Anneliese  Brückner")] // double space, a line of its own
    [InlineData("Maika van de Noort\nHead of sales", "Maika van de Noort")] // particle chain
    public void Finds_the_person(string text, string name) =>
        Assert.Contains(name, Values(text, PiiType.Person));

    [Theory]
    [InlineData("our founders: Kowalczyk, Becker and White started it", new[] { "Kowalczyk", "Becker", "White" })]
    [InlineData("The panel: Dr. Okonkwo, Lindqvist and Reed.", new[] { "Okonkwo", "Lindqvist", "Reed" })]
    public void Finds_every_member_of_a_list_of_people(string text, string[] names)
    {
        var found = Values(text, PiiType.Person).ToList();
        Assert.All(names, n => Assert.Contains(n, found));
    }

    [Theory]
    [InlineData("my name is bartosz wiśniewski and I need help", "bartosz wiśniewski")]
    [InlineData("everyone calls me gosia", "gosia")]
    [InlineData("svetlana m. orlova\naccounts payable", "svetlana m. orlova")]
    [InlineData("the flowers were for naomi ryan yesterday", "naomi ryan")]
    public void Finds_lower_case_names(string text, string name) =>
        Assert.Contains(name, Values(text, PiiType.Person));

    [Theory]
    [InlineData("I work for Datamyne since last year.")]
    [InlineData("The Avalara office is closed on Monday.")]
    [InlineData("She moved here from Czech Republic.")]
    [InlineData("Install Slack, Zoom, Chrome and Firefox before your first day.")]
    [InlineData("Which ATMs accept this card?")]
    [InlineData("Visit http://Smellology.be for details.")]
    [InlineData("I'd like to join accounts with my partner.")]
    [InlineData("Data created by Northwind Labs is confidential.")]
    [InlineData("how long does it take to get to san diego")]
    [InlineData("why is there a hold on my charles schwab account")]
    [InlineData("Note: the office is closed.")]
    [InlineData("We met in Berlin last spring.")]
    public void Leaves_organisations_places_products_and_labels_alone(string text) =>
        Assert.Empty(Values(text, PiiType.Person));

    [Theory]
    [InlineData("Send it to 692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020. Thanks", "692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020")]
    [InlineData("Meet me at 5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377", "5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377")]
    [InlineData("It is at 17031 2202 Rissik St Apt. 050 Coalville South Africa", "17031 2202 Rissik St Apt. 050 Coalville South Africa")]
    [InlineData("Our office: 808 Kálmán Imre u. 12. today", "808 Kálmán Imre u. 12.")]
    [InlineData("Ship to 221 Baker Street, London NW1 6XE please", "221 Baker Street, London NW1 6XE")]
    public void Address_continues_over_units_localities_and_postcodes(string text, string address) =>
        Assert.Contains(address, Values(text, PiiType.StreetAddress));

    [Theory]
    [InlineData("I live at 221 Baker Street Jennifer said with a smile", "221 Baker Street")] // the sentence goes on: no locality
    [InlineData("Deliver to 12 Main Street. Then call me.", "12 Main Street")] // the full stop ends it
    public void Address_does_not_swallow_the_rest_of_the_sentence(string text, string address) =>
        Assert.Contains(address, Values(text, PiiType.StreetAddress));

    [Fact]
    public void Every_person_carries_a_confidence()
    {
        var spans = _detector.Detect("Are you coming tonight, Gunnhild? Kaczmarek wrote to Ms. Ingrid Halvorsen.").Where(s => s.Type == PiiType.Person).ToList();
        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.InRange(s.Confidence, 0.5, 1.0));
    }

    [Fact]
    public void Allow_list_applies_to_the_new_rules()
    {
        var detector = new PiiDetector(new PiiAllowList(["Gunnhild"]));
        Assert.DoesNotContain(detector.Detect("Are you coming tonight, Gunnhild?"), s => s.Type == PiiType.Person);
    }

    [Fact]
    public void Hostile_hundred_thousand_capitalised_tokens_complete_with_original_offsets()
    {
        var words = new[] { "Kaczmarek", "Becker", "White", "Anna", "Street", "Berlin" };
        var text = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => words[i % words.Length]));
        var spans = _detector.Detect(text);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Hostile_megabyte_of_lower_case_names_and_addresses_completes()
    {
        var text = string.Concat(Enumerable.Repeat("my name is olga krylova, 12 Main Street, Springfield, Oregon 97477\n", 16_000));
        Assert.True(text.Length > 1_000_000);
        var spans = _detector.Detect(text);
        Assert.Contains(spans, s => s.Type == PiiType.Person);
        Assert.Contains(spans, s => s.Type == PiiType.StreetAddress);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Zero_width_characters_inside_a_name_do_not_hide_it()
    {
        const string text = "Are you coming tonight, Gunn\u200Bhild?";
        var span = Assert.Single(_detector.Detect(text), s => s.Type == PiiType.Person);
        Assert.Equal("Gunn\u200Bhild", span.Value);
    }

    [Fact]
    public void Full_width_digits_in_a_house_number_are_found_at_their_original_offsets()
    {
        const string text = "Ship to ２２１ Baker Street, London please";
        var span = Assert.Single(_detector.Detect(text), s => s.Type == PiiType.StreetAddress);
        Assert.StartsWith("２２１ Baker Street", span.Value, StringComparison.Ordinal);
        Assert.Equal(span.Value, text.Substring(span.Start, span.Length));
    }
}
