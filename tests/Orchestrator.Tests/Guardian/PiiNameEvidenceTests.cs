using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// PII v4 (issue 11 follow-up): evidence that does not depend on a sentence template: repeated
/// mentions of a found name, the international name list, a US first name capitalised mid-sentence,
/// the place list, address cue phrases and addresses in all-lower-case text; plus hostile input for
/// each new path. The sentences are written for these tests, not taken from the Presidio generator.
/// </summary>
public sealed class PiiNameEvidenceTests
{
    private readonly PiiDetector _detector = new();

    private List<string> Values(string text, PiiType type) =>
        _detector.Detect(text).Where(s => s.Type == type).Select(s => s.Value).ToList();

    [Theory]
    [InlineData("Ingrid Halvorsen chaired the meeting. Halvorsen opened with the budget.", "Halvorsen")] // sentence start, found again by its earlier mention
    [InlineData("The prize went to Radomir Vukadin in May; later that year Vukadin's paper was retracted.", "Vukadin")]
    public void A_name_found_once_is_found_where_it_recurs(string text, string repeated)
    {
        var found = Values(text, PiiType.Person);
        Assert.Equal(2, found.Count(v => v.Contains(repeated, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_recurring_ordinary_word_is_not_dragged_in_by_a_name()
    {
        var found = Values("Ingrid Brown wrote the memo. Brown paper bags are in the kitchen.", PiiType.Person);
        Assert.DoesNotContain("Brown", found);
    }

    [Theory]
    [InlineData("Yesterday we talked about Antti for an hour.", "Antti")] // international first name (faker locales)
    [InlineData("Have you seen Katrine recently?", "Katrine")]
    [InlineData("Yesterday we talked about John for an hour.", "John")] // US first name that is also a word, capitalised mid-sentence
    [InlineData("Please ask Derrick before you sign.", "Derrick")]
    public void Finds_a_lone_first_name_in_running_text(string text, string name) =>
        Assert.Contains(name, Values(text, PiiType.Person));

    [Theory]
    [InlineData("Last year Spain won the award.")]
    [InlineData("Yesterday we talked about Hong Kong for an hour.")]
    [InlineData("The parcels for Montijo, Portugal left on time.")] // a run before ", <place>" is a locality
    [InlineData("She found a Diamond ring in the drawer.")]
    [InlineData("Ratings were set by Kroll Bond Ratings Agency last week.")]
    public void Leaves_places_and_organisations_alone(string text) =>
        Assert.Empty(Values(text, PiiType.Person));

    [Theory]
    [InlineData("Our aunt lives on Kvarnbacken 14 near the lake.", "Kvarnbacken 14")]
    [InlineData("Meet us at the corner of Lindenhof 7 and Brunnenweg tomorrow.", "Lindenhof 7 and Brunnenweg")]
    [InlineData("Her cousin lives on Via Tasso 129 street.", "Via Tasso 129")] // the bare street word after the number is not kept
    public void Finds_an_address_after_a_cue_phrase(string text, string address) =>
        Assert.Contains(address, Values(text, PiiType.StreetAddress));

    [Fact]
    public void Finds_an_address_on_the_line_below_an_address_label()
    {
        var found = Values("contact\naddress:\n947 trg slobode 17 apt. 858 novi sad", PiiType.StreetAddress);
        Assert.Contains(found, v => v.StartsWith("947 trg slobode 17", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("send the parcel over to 12 elm grove road thanks", "12 elm grove road")]
    [InlineData("can you get a cab to 27 moss lane", "27 moss lane")]
    public void Finds_a_street_address_in_all_lower_case_text(string text, string address) =>
        Assert.Contains(address, Values(text, PiiType.StreetAddress));

    [Theory]
    [InlineData("it is a 5 minute drive from the station")]
    [InlineData("i'd like to book a meeting room from 1:00 pm until 2:00 pm")]
    [InlineData("the meeting is at 10 tomorrow")]
    [InlineData("I need 2 more days to finish the report")]
    public void Leaves_times_and_quantities_alone(string text) =>
        Assert.Empty(Values(text, PiiType.StreetAddress));

    [Fact]
    public void New_detections_carry_a_confidence()
    {
        var spans = _detector.Detect("Ingrid Halvorsen chaired it. Halvorsen lives on Kvarnbacken 14 near the lake. we talked about John today.");
        Assert.Contains(spans, s => s.Type == PiiType.StreetAddress);
        Assert.Equal(3, spans.Count(s => s.Type == PiiType.Person));
        Assert.All(spans, s => Assert.InRange(s.Confidence, 0.5, 1.0));
    }

    [Fact]
    public void Hostile_hundred_thousand_repeated_names_complete_with_original_offsets()
    {
        var text = "Ingrid Halvorsen said so. " + string.Concat(Enumerable.Repeat("Halvorsen Halvorsen, ", 100_000));
        var spans = _detector.Detect(text);
        Assert.Contains(spans, s => s.Type == PiiType.Person && s.Value == "Ingrid Halvorsen");
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Hostile_megabyte_of_address_cues_completes()
    {
        var text = string.Concat(Enumerable.Repeat("i live at 12 main street and the corner of 7 and ", 22_000));
        Assert.True(text.Length > 1_000_000);
        var spans = _detector.Detect(text);
        Assert.Contains(spans, s => s.Type == PiiType.StreetAddress);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Zero_width_and_full_width_characters_do_not_hide_a_cued_address()
    {
        const string text = "Our aunt lives on Kvarn\u200Bbacken １４ near the lake.";
        var span = Assert.Single(_detector.Detect(text), s => s.Type == PiiType.StreetAddress);
        Assert.Equal("Kvarn\u200Bbacken １４", span.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("address:")]
    [InlineData("lives on")]
    [InlineData("the corner of")]
    [InlineData("Halvorsen")]
    public void Cues_with_nothing_after_them_find_nothing(string text) =>
        Assert.Empty(_detector.Detect(text));
}
