using System.Text;
using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

public sealed class YamlSafetyTests
{
    private const string HrFile = "agents/hr-policy.yaml";

    private static ConfigLoadResult LoadWithHrFile(string content)
    {
        using var fixture = new ConfigFixture();
        fixture.Write(HrFile, content);
        return fixture.Load();
    }

    [Fact]
    public void Syntax_error_reports_the_parser_line_and_other_files_are_still_checked()
    {
        using var fixture = new ConfigFixture();
        fixture.Write(HrFile, "name: hr-policy\nkind: retrieval\ndescription: a: b\n");
        fixture.Write("agents/it-helpdesk.yaml", ConfigFixture.ItAgentYaml.Replace("kind: tool", "kind: tools", StringComparison.Ordinal));

        var result = fixture.Load();

        HasError(result, HrFile, 3, "malformed YAML: ");
        HasError(result, "agents/it-helpdesk.yaml", 2, "invalid kind 'tools'");
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_near_where_it_opened()
    {
        HasError(LoadWithHrFile("name: hr-policy\nexamples: [ \"a\", \"b\"\nkind: retrieval\n"), HrFile, 2, "malformed YAML");
    }

    [Fact]
    public void Tab_indentation_is_a_syntax_error()
    {
        Assert.Contains(LoadWithHrFile("name: hr-policy\nescalation:\n\tallowed: true\n").Errors, e => e.Message.StartsWith("malformed YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Tab_indentation_is_reported_at_the_line_with_the_tab_and_says_to_use_spaces()
    {
        // walk35: YamlDotNet's mark for this error is where the enclosing mapping starts (line 1), which sent
        // a newcomer looking at the wrong line.
        var error = HasError(LoadWithHrFile("name: hr-policy\nkind: retrieval\ndescription: HR\n\tknowledge: hr\n"), HrFile, 4, "tab");
        Assert.Contains("spaces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_field_is_reported_at_the_second_one()
    {
        HasError(LoadWithHrFile(ConfigFixture.HrAgentYaml + "\nmodel: ollama\n"), HrFile, 13, "duplicate field 'model'; each field may appear only once");
    }

    [Fact]
    public async Task Alias_bomb_is_rejected_quickly_at_the_first_alias()
    {
        var bomb = new StringBuilder("name: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"l{i}: &a{i} [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        // Quick is checked by where it stops: the first alias, line 2. Expanding the bomb would not end,
        // so the minute bounds that hang only (a limit of seconds trips on a loaded CI machine).
        var result = await Task.Run(() => LoadWithHrFile(bomb.ToString())).WaitAsync(TimeSpan.FromMinutes(1));

        HasError(result, HrFile, 2, "alias '*a0' is not allowed");
    }

    [Fact]
    public async Task Deep_nesting_is_rejected_without_overflowing_the_stack()
    {
        // The minute bounds a hang only (a parser that rescans the input would take hours).
        var result = await Task.Run(() => LoadWithHrFile("name: " + new string('[', 500_000) + "\n")).WaitAsync(TimeSpan.FromMinutes(1));

        HasError(result, HrFile, 1, "nesting is deeper than 32 levels");
    }

    [Fact]
    public void File_over_one_megabyte_is_rejected_without_parsing()
    {
        var result = LoadWithHrFile("description: \"" + new string('x', 1_100_000) + "\"\n");

        HasError(result, HrFile, 1, "bytes; configuration files must be at most 1,048,576 bytes (1 MB)");
    }

    [Theory]
    [InlineData("", 1, "file is empty")]
    [InlineData("# just a comment\n", 1, "file is empty")]
    [InlineData("- name: hr\n", 1, "expected a mapping of fields (field: value), found a list")]
    [InlineData("name: a\n---\nname: b\n", 3, "more than one YAML document")]
    public void Files_that_are_not_one_mapping_are_errors(string content, int line, string message)
    {
        HasError(LoadWithHrFile(content), HrFile, line, message);
    }
}
