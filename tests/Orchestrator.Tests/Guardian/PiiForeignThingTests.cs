using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// PII v9 (issue 11, branch pii20): capitalised things that other languages, car makers, dates and flattened tables
/// write like names — a street, venue or airline that opens with its kind ("Contrada Morandi", "Estadio Municipal",
/// "Air India"), a lower-case street word before a surname ("rynek Skiba"), a compound street word
/// ("Övre Stationsgatan"), a town on its river or region ("Mníšek pod Brdy", "Xavier do Sul"), a car's make and model
/// ("Ferrari Jetta"), an abbreviated weekday before a date ("Thu, 10 Feb"), an act, report or centenary named after a
/// person, a saint's town ("St. Louis Rams"), a table's next cell after a wide gap, and a re-mentioned surname that
/// opens a thing ("Rothenberg Political Report") — and Polish "Pan"/"Pani", a title, before a person. Each rule has a
/// sentence it must change and a near miss it must leave alone. Sentences written for these tests.
/// </summary>
public sealed class PiiForeignThingTests
{
    private readonly PiiDetector _detector = new();

    private List<string> People(string text) =>
        _detector.Detect(text).Where(s => s.Type == PiiType.Person).Select(s => s.Value).ToList();

    [Theory]
    [InlineData("The quarterly review covers Contrada Morandi and two other topics.")]
    [InlineData("The final was played at Estadio Municipal de Tarrazú last year.")]
    [InlineData("The match moved to Stadio Olimpico on Sunday.")]
    [InlineData("Is Aerolineas Argentinas available next month?")]
    [InlineData("We flew with Air Niugini to the coast.")]
    public void A_thing_named_kind_first_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Theory]
    [InlineData("We flew with Aira Niugini to the coast.", "Aira Niugini")] // no opener
    [InlineData("The final was seen by Esteban Morandi last year.", "Esteban Morandi")]
    public void A_person_in_the_same_frame_stays_a_person(string text, string name) =>
        Assert.Equal([name], People(text));

    [Theory]
    [InlineData("Thanks for the update on rondo Morawski, it helps a lot.")]
    [InlineData("Re: rynek Skiba")]
    [InlineData("have you heard the news about margarida avenida?")]
    [InlineData("I had a long chat with Övre Stationsgatan yesterday.")]
    public void A_street_of_another_language_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Theory]
    [InlineData("Thanks for the update on Wojciech Morawski, it helps a lot.", "Wojciech Morawski")]
    [InlineData("I had a long chat with Ingrid Stationsberg yesterday.", "Ingrid Stationsberg")]
    public void A_person_whose_surname_looks_like_a_street_stays_a_person(string text, string name) =>
        Assert.Equal([name], People(text));

    [Theory]
    [InlineData("According to Mníšek pod Brdy, the numbers are fine.")]
    [InlineData("Last week Xavier do Sul sent us the signed contract.")]
    [InlineData("according to teplice nad metují, the numbers are fine.")]
    public void A_town_on_its_river_or_region_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Fact]
    public void A_person_before_a_lower_case_word_and_a_name_stays_a_person() =>
        Assert.Equal(["Xavier"], People("Last week Xavier do Carmo's shop sent us the contract.").Take(1).ToList());

    [Theory]
    [InlineData("Re: Ferrari Jetta")]
    [InlineData("According to Chrysler Silverado, the numbers are fine.")]
    [InlineData("Is Nissan Fortwo available next month?")]
    public void A_car_make_and_its_model_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Fact]
    public void A_make_that_is_a_first_name_stays_a_person() =>
        Assert.Equal(["Mercedes Okafor"], People("According to Mercedes Okafor, the numbers are fine."));

    [Theory]
    [InlineData("RECEIVED DATE: Thu, 10 Feb 2022 05:11:14 +0000")]
    [InlineData("The review is due Jan 12, 2024 at noon.")]
    public void An_abbreviated_weekday_or_month_before_a_number_is_a_date(string text) =>
        Assert.Empty(People(text));

    [Fact]
    public void The_same_first_name_before_no_number_stays_a_person() =>
        Assert.Equal(["Thu"], People("Thanks again, Thu, see you soon."));

    [Theory]
    [InlineData("It was passed as the Victoria Constitution Act in 1855.")]
    [InlineData("The stamp showed the Jane Austen Bicentenary that year.")]
    [InlineData("The season opened against the St. Louis Rams at home.")]
    [InlineData("The team was renamed Puerto Rico Islanders in 2004.")]
    public void An_act_a_centenary_or_a_saints_team_is_no_person(string text) =>
        Assert.Empty(People(text));

    [Fact]
    public void A_person_named_like_the_act_stays_a_person() =>
        Assert.Equal(["Victoria Okafor"], People("It was passed by Victoria Okafor in 1855."));

    [Theory]
    [InlineData("| 34.94 | Tucker Fredricks  United States | 35.01 |", "Tucker Fredricks")]
    [InlineData("Hi David  Attached is the invoice.", "David")]
    [InlineData("Please call Anna  Okafor today.", "Anna  Okafor")] // a name word after the wide gap keeps the run
    [InlineData("Please call Franklin D. Roosevelt today.", "Franklin D. Roosevelt")] // an initial's dot is no wide gap
    public void A_wide_gap_cuts_a_country_or_an_ordinary_word_from_a_name(string text, string name) =>
        Assert.Equal([name], People(text));

    [Fact]
    public void A_long_run_with_wide_gaps_is_not_cut_into_a_name() =>
        Assert.Empty(People("Scores: Okafor Mbeki Kowalczyk  Canada  Nakamura"));

    [Fact]
    public void A_re_mention_that_opens_a_thing_is_no_person() =>
        Assert.Equal(["Stuart Rothenberg"], People("said Stuart Rothenberg, editor of the non-partisan Rothenberg Political Report."));

    [Fact]
    public void A_plain_re_mention_stays_a_person() =>
        Assert.Equal(["Stuart Rothenberg", "Rothenberg"], People("said Stuart Rothenberg, and Rothenberg was right."));

    [Theory]
    [InlineData("Position: Pani Beatrycze Bielecka", "Beatrycze Bielecka")]
    [InlineData("Position: Pan Leonard Rybak", "Leonard Rybak")]
    [InlineData("Zadzwonił pan Kowalski wczoraj.", "Kowalski")]
    public void A_polish_title_stays_out_of_the_person(string text, string name) =>
        Assert.Equal([name], People(text));

    [Theory]
    [InlineData("She won gold at the Pan American Games in 2011.")]
    [InlineData("We booked a flight on Pan Am last summer.")]
    public void Pan_before_an_english_word_is_no_title(string text) =>
        Assert.DoesNotContain(People(text), p => p is "American Games" or "Am");

    [Fact]
    public void A_megabyte_of_the_new_shapes_gets_a_verdict()
    {
        const string chunk = "Contrada Morandi Air India rynek Skiba Övre Stationsgatan Mníšek pod Brdy Xavier do Sul Ferrari Jetta Thu, 10 Feb Pan Leonard Rybak Tucker Fredricks  United States St. Louis Rams ";
        var text = string.Concat(Enumerable.Repeat(chunk, (1 << 20) / chunk.Length));
        var spans = _detector.Detect(text);
        Assert.All(spans, s => Assert.NotEqual("Xavier", s.Value));
    }
}
