namespace Orchestrator.Retrieval.Answers;

/// <summary>What sort of answer a question asks for; decides which sentences look like answers.</summary>
internal enum QuestionKind
{
    Other,
    Quantity,
    Time,

    /// <summary>"Which days ...", "what day ...": named days or dates, not a count of days ("at least 2 days").</summary>
    Day,
    Contact,
    Procedure,
    YesNo,

    /// <summary>"Who led ...", "who approves ...": a name, a role or a team the question does not already give.</summary>
    Person,
}
