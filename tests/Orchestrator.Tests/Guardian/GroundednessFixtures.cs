using Orchestrator.Retrieval;

namespace Orchestrator.Tests.Guardian;

/// <summary>Small HR/IT knowledge base and answer sentences the groundedness thresholds were tuned on.</summary>
internal static class GroundednessFixtures
{
    public static readonly IReadOnlyList<Passage> Evidence =
    [
        Make("leave-1", "knowledge/leave-policy.md",
            "Full-time employees are entitled to 25 days of paid annual leave per calendar year. Up to 5 unused days may be carried over to the next year with manager approval."),
        Make("expenses-1", "knowledge/expenses.md",
            "Expense claims above 1,000 EUR require approval from the finance director. Claims must be submitted within 30 days of purchase."),
        Make("vpn-1", "knowledge/it/vpn.md",
            "The VPN client must be updated before connecting to the Berlin office network. Contact the IT helpdesk if the update fails."),
    ];

    public static readonly IReadOnlyList<string> Verbatim =
    [
        "Full-time employees are entitled to 25 days of paid annual leave per calendar year [1].",
        "Claims must be submitted within 30 days of purchase [2].",
        "The VPN client must be updated before connecting to the Berlin office network.",
    ];

    public static readonly IReadOnlyList<string> Paraphrased =
    [
        "Full-time staff get 25 days of paid leave every year.",
        "With your manager's approval you can carry over up to 5 unused days into the next year.",
        "Expenses over 1000 EUR need to be approved by the finance director.",
        "You have 30 days after buying something to submit the claim.",
        "Update your VPN client before you connect to the Berlin office network.",
    ];

    public static readonly IReadOnlyList<string> ChangedNumber =
    [
        "Full-time employees are entitled to 30 days of paid annual leave per calendar year.",
        "Up to 10 unused days may be carried over to the next year with manager approval.",
        "Expense claims above 5,000 EUR require approval from the finance director.",
    ];

    public static readonly IReadOnlyList<string> Invented =
    [
        "The cafeteria serves free lunch to all employees every Friday.",
        "Employees can work remotely from abroad for up to three months.",
        "Travel must be booked through the Lisbon agency, which negotiates discounted hotel rates.",
        "Parental leave is fully paid by the company for new fathers.",
    ];

    private static Passage Make(string id, string source, string text) =>
        new() { ChunkId = id, Source = source, Locator = "1", Text = text };
}
