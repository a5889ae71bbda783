namespace Orchestrator.Retrieval.Answers;

/// <summary>What sort of answer a question asks for; decides which sentences look like answers.</summary>
internal enum QuestionKind
{
    Other,
    Quantity,
    Time,
    Contact,
    Procedure,
    YesNo,
}
