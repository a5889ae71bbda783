using Orchestrator.Retrieval.Answers;

namespace Orchestrator.Tests.Retrieval;

public sealed class AnswerFitTests
{
    private static readonly HashSet<string> Days = ["days", "vacat"];

    private static string Stem(string t) => t.Length > 5 ? t[..5] : t;

    [Theory]
    [InlineData("How many vacation days do I get?", "Quantity")]
    [InlineData("until when?", "Time")]
    [InlineData("What is the phone number of the IT helpdesk?", "Contact")]
    [InlineData("How do I report a phishing email?", "Procedure")]
    [InlineData("Can I use a USB stick?", "YesNo")]
    [InlineData("Tell me about benefits", "Other")]
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
}
