using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;

namespace Orchestrator.Tests.Retrieval;

public sealed class AnswerFitTests
{
    private static readonly HashSet<string> Days = ["days", "vacat"];

    private static string Stem(string t) => t.Length > 5 ? t[..5] : t;

    [Theory]
    [InlineData("How many vacation days do I get?", "Quantity")]
    [InlineData("until when?", "Time")]
    [InlineData("Which days a week do I have to be in the office?", "Day")]
    [InlineData("What day is payday?", "Day")]
    [InlineData("What is the phone number of the IT helpdesk?", "Contact")]
    [InlineData("How do I report a phishing email?", "Procedure")]
    [InlineData("Can I use a USB stick?", "YesNo")]
    [InlineData("Tell me about benefits", "Other")]
    [InlineData("Who led the Panthers in sacks?", "Person")]
    [InlineData("During the playoff games, who did not throw at all?", "Person")]
    [InlineData("Who approves expense claims?", "Person")]
    [InlineData("Who do I contact about payroll?", "Contact")]
    [InlineData("Who should I call when my laptop is stolen?", "Contact")]
    [InlineData("Who is the contact for data protection?", "Contact")]
    [InlineData("", "Other")]
    public void Questions_are_classified_by_the_answer_they_want(string question, string kind) =>
        Assert.Equal(kind, AnswerFit.Classify(question).ToString());

    [Fact]
    public void A_stated_figure_next_to_the_asked_for_term_beats_a_figure_that_refers_back()
    {
        var states = AnswerFit.Score(QuestionKind.Quantity, "Full-time employees receive 25 days of paid annual leave per leave year.", Days, Stem);
        var refersBack = AnswerFit.Score(QuestionKind.Quantity, "Public holidays are given in addition to the 25 days.", Days, Stem);
        var none = AnswerFit.Score(QuestionKind.Quantity, "Leave is counted in working days.", Days, Stem);

        Assert.Equal(1, states);
        Assert.Equal(0, refersBack);
        Assert.Equal(0, none);
    }

    [Fact]
    public void Time_contact_and_procedure_questions_prefer_dates_contacts_and_instructions()
    {
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Time, "Carried-over days must be used by 31 March of the following year.", Days, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Contact, "Call the helpdesk on +31 20 555 0100.", Days, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Procedure, "Click the Report Phishing button in Outlook.", Days, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Contact, "Phishing is a common attack.", Days, Stem));
    }

    [Fact]
    public void A_who_question_wants_a_name_or_a_role_the_question_does_not_already_give()
    {
        var terms = Terms("Who led the Panthers in sacks?");

        Assert.Equal(1, AnswerFit.Score(QuestionKind.Person, "Pro Bowl tackle Kawann Short led the team in sacks with 11.", terms, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Person, "Claims are approved by your line manager.", terms, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Person, "The Panthers led the league in sacks.", terms, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Person, "sacks were led by a defensive end.", terms, Stem));
    }

    [Fact]
    public void A_who_can_question_is_answered_by_a_group_of_people()
    {
        var terms = Terms("Who can get a company credit card?");

        Assert.Equal(1, AnswerFit.Score(QuestionKind.Person, "Employees who travel on business more than 4 times a year, or", terms, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Person, "it arrives within 10 working days.", terms, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Person, "Employees get a laptop.", Terms("Who among employees gets a laptop?"), Stem));
    }

    [Fact]
    public void A_date_or_figure_the_question_already_gives_is_not_the_answer()
    {
        var when = Terms("When did Polonia win the championship prior to 2000?");
        var howMany = Terms("I work 3 days a week, how many vacation days do I get?");

        Assert.Equal(0, AnswerFit.Score(QuestionKind.Time, "Polonia managed to win the championship in 2000.", when, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Time, "They also won the championship in 1946.", when, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Quantity, "Employees spend 3 days a week in the office.", howMany, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, "Someone working 3 days a week receives 15 days of vacation.", howMany, Stem));
    }

    [Theory]
    [InlineData("How many vacation days do I get?", false)]
    [InlineData("How much paid leave is there per year?", false)]
    [InlineData("How many days can I carry over?", true)]
    [InlineData("What is the maximum hotel price per night?", true)]
    [InlineData("How many days am I allowed to take at once?", true)]
    [InlineData("How many days at most?", true)]
    public void A_question_asks_for_a_limit_only_when_it_asks_what_is_allowed_or_bounded(string question, bool asksForLimit) =>
        Assert.Equal(asksForLimit, AnswerFit.AsksForLimit(question));

    [Fact]
    public void A_bounded_figure_answers_a_question_about_limits_but_not_one_about_the_amount()
    {
        // The README's first question led with "You may carry over a maximum of 5 unused days": a
        // limit on carrying over, not the number of days one gets.
        const string Limit = "You may carry over a maximum of 5 unused days into the next leave year.";
        const string Amount = "Full-time employees receive 25 days of paid annual leave per leave year.";
        var get = Terms("How many vacation days do I get?");
        var carry = Terms("How many days can I carry over?");

        Assert.Equal(0.6, AnswerFit.Score(QuestionKind.Quantity, Limit, get, Stem, asksForLimit: false));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, Amount, get, Stem, asksForLimit: false));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, Limit, carry, Stem, asksForLimit: true));
        Assert.Equal(0.6, AnswerFit.Score(QuestionKind.Quantity, "Book up to 15 days in advance.", get, Stem, asksForLimit: false));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, "No more than 15 consecutive working days may be taken at once.", Terms("How many days can I take at once?"), Stem, asksForLimit: true));
    }

    [Fact]
    public void A_figure_for_a_narrower_case_does_not_answer_a_question_that_states_no_case()
    {
        // Next, the README's question led with "Long service: after 5 years ... (26 days)": the
        // figure for long-serving staff, not the days everyone gets.
        const string LongService = "Long service: after 5 years of continuous service you receive 1 extra day (26 days); after 10 years you receive 2 extra days (27 days).";
        var general = Terms("How many vacation days do I get?");
        var afterTen = Terms("How many vacation days do I get after 10 years?");

        Assert.Equal(0.6, AnswerFit.Score(QuestionKind.Quantity, LongService, general, Stem, asksForLimit: false));
        Assert.Equal(0.6, AnswerFit.Score(QuestionKind.Quantity, "If you work 3 days a week you receive 15 days.", general, Stem, asksForLimit: false));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, "Full-time employees (40 hours per week) receive 25 days of paid annual leave per leave year.", general, Stem, asksForLimit: false));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Quantity, LongService, afterTen, Stem, asksForLimit: false));
    }

    [Fact]
    public void Which_days_is_answered_by_named_days_not_by_a_count_of_days()
    {
        // "Which days a week do I have to be in the office?" led with "Employees spend at least 2 days
        // per week in the office", a count that answers "how many days", over "Our anchor days are
        // Tuesday and Thursday".
        var terms = Terms("Which days a week do I have to be in the office?");

        Assert.Equal(1, AnswerFit.Score(QuestionKind.Day, "Our anchor days are Tuesday and Thursday, when teams plan meetings.", terms, Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Day, "Employees spend at least 2 days per week in the office.", terms, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Day, "Salaries are paid on the 25th of each month.", Terms("What day is payday?"), Stem));
        Assert.Equal(0, AnswerFit.Score(QuestionKind.Day, "Offices: Amsterdam (headquarters), Berlin and Lisbon.", terms, Stem));
    }

    [Theory]
    [InlineData("When does my health insurance start?", "Cover starts on your first day of employment; there is no waiting period.", 1)]
    [InlineData("When is the salary paid?", "Salaries are paid on the last working day of each month.", 1)]
    [InlineData("When are tickets picked up?", "All other tickets are picked up on the next working day.", 1)]
    [InlineData("When is the salary paid?", "Salaries are paid by bank transfer.", 0)]
    [InlineData("When is the first day of leave?", "The first day of leave is booked in PeopleHub.", 0)] // the question already says it
    public void A_time_stated_relative_to_an_event_answers_when(string question, string sentence, double fit) =>
        Assert.Equal(fit, AnswerFit.Score(QuestionKind.Time, sentence, Terms(question), Stem));

    [Theory]
    [InlineData("The People Team may ask for a doctor's note earlier if absences are frequent.", 0)] // the modal verb, not the month
    [InlineData("Finance may reject a claim without receipts.", 0)]
    [InlineData("Enrolment opens in May each year.", 1)]
    [InlineData("The office is closed on 5 May for Liberation Day.", 1)]
    [InlineData("May 5 is the date of the next review.", 1)]
    [InlineData("You may submit a claim within 30 days of the purchase.", 1)] // a period, whatever the verb
    public void May_is_a_month_only_written_as_one(string sentence, double fit) =>
        Assert.Equal(fit, AnswerFit.Score(QuestionKind.Time, sentence, Terms("When do I need a receipt for an expense claim?"), Stem));

    [Fact]
    public void A_time_word_the_question_already_uses_is_not_the_answer()
    {
        var terms = Terms("Can I work at the weekend?");

        Assert.Equal(0, AnswerFit.Score(QuestionKind.Time, "Working at the weekend needs approval.", terms, Stem));
        Assert.Equal(1, AnswerFit.Score(QuestionKind.Time, "Weekend work must be requested by Friday.", terms, Stem));
    }

    [Theory]
    [InlineData("")]
    [InlineData("１２３ ٢٠٠٠ 𝟐𝟎𝟐𝟒")]
    [InlineData("Раураl АB — ｐａｙｐａｌ 2000 ⅯⅯ")]
    [InlineData("\u202e\ufeff\u200b")]
    public void Odd_text_scores_without_failing(string sentence)
    {
        var terms = Terms("When did Ｐａｙｐａｌ start in ２０００ and who led it?");
        foreach (var kind in Enum.GetValues<QuestionKind>())
        {
            var score = AnswerFit.Score(kind, sentence, terms, Stem);
            Assert.InRange(score, 0, 1);
        }
    }

    [Fact]
    public void A_one_megabyte_sentence_is_scored_in_linear_time()
    {
        var sentence = string.Concat(Enumerable.Repeat("Alice Smith paid 25 EUR on 3 March 2024 via desk@example.com. ", 16_000));
        var terms = Terms("Who paid how many euros when?");

        foreach (var kind in Enum.GetValues<QuestionKind>())
        {
            Assert.InRange(AnswerFit.Score(kind, sentence, terms, Stem), 0, 1);
        }
    }

    private static HashSet<string> Terms(string question) => SentenceScorer.KeywordTerms(question);
}
