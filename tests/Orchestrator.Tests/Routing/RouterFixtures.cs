using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>A small hand-written office help-desk training set: four routes and some negatives.</summary>
internal static class RouterFixtures
{
    public static RouterTrainingSet HelpDesk(bool withNegatives = true) => new(
        [
            new RouteExamples("hr_leave",
            [
                "How many vacation days do I have left?",
                "I want to book annual leave next month",
                "What is the policy for sick leave?",
                "Can I carry over unused holiday to next year?",
                "How do I request parental leave?",
                "Who approves my time off request?",
                "I need to take a day off on Friday",
                "How much paid leave do new employees get?",
            ]),
            new RouteExamples("it_password",
            [
                "I forgot my password",
                "How do I reset my login password?",
                "My account is locked after too many attempts",
                "The password expired and I cannot sign in",
                "How do I change my Windows password?",
                "I can't log in to my email, password rejected",
                "Set up a new password for the VPN",
                "Unlock my user account please",
            ]),
            new RouteExamples("expenses",
            [
                "How do I submit a travel expense claim?",
                "Where do I upload receipts for reimbursement?",
                "What is the daily meal allowance on business trips?",
                "My expense report was rejected",
                "When will I be reimbursed for my hotel?",
                "Can I expense a taxi to the airport?",
                "How do I claim mileage for using my own car?",
                "Who approves expense reports?",
            ]),
            new RouteExamples("security",
            [
                "I received a suspicious phishing email",
                "I think my laptop has a virus",
                "How do I report a security incident?",
                "Someone is trying to get my credentials by phone",
                "I lost my company badge",
                "Is it safe to open this attachment?",
                "My laptop was stolen from the car",
                "I clicked a malicious link by accident",
            ]),
        ],
        withNegatives
            ?
            [
                "What's a good recipe for banana bread?",
                "Who won the football match last night?",
                "Tell me a joke about penguins",
                "What is the capital of Australia?",
                "Recommend a good science fiction novel",
                "How tall is Mount Everest?",
            ]
            : null);
}
