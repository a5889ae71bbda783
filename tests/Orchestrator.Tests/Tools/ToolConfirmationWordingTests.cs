using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// What the gate says about a tool reads as English for tool names in general: acronyms stay upper-case,
/// an article where English needs one, the description's own short imperative when it has one, and
/// "run the `name` tool" when the name is no verb phrase. The token and the "Reply "yes"" sentence stay exactly as they were.
/// </summary>
public sealed class ToolConfirmationWordingTests : IDisposable
{
    private const string Reply = " Reply \"yes\" to confirm or \"no\" to cancel. [confirm:";

    private static readonly CallerIdentity Anna = new("NW-1001", "northwind");

    private readonly ToolTestKit _kit = new();

    [Theory]
    // The CLI's sample tools, with their own descriptions.
    [InlineData("create_it_ticket", """{"summary":"Laptop broken"}""", "I'm ready to create an IT ticket with summary \"Laptop broken\".")]
    [InlineData("get_leave_balance", """{"employee_id":"NW-1001"}""", "I'm ready to get the leave balance with employee ID \"NW-1001\".")]
    [InlineData("convert_currency", """{"amount":100,"from":"USD","to":"EUR"}""", "I'm ready to convert currency with amount 100, from \"USD\", to \"EUR\".")]
    [InlineData("calculate", """{"expression":"2 + 2"}""", "I'm ready to calculate with expression \"2 + 2\".")]
    public void Sample_tools_read_naturally(string name, string arguments, string expected)
    {
        var answer = Propose(_kit.Registry.Get(name), arguments);

        Assert.StartsWith(expected + Reply, answer, StringComparison.Ordinal);
    }

    [Theory]
    // The MCP sample server's tools (samples/mcp-server/OrderTools.cs), as the orchestrator registers them.
    [InlineData("get_order_status", "Looks up the delivery status of a customer order by its order id (A-1234).", "get the order status")]
    [InlineData("get_shipping_quote", "Quotes the shipping price of a parcel by weight in kilograms.", "get the shipping quote")]
    [InlineData("get_greeting", "Returns the greeting configured for this order desk.", "get the greeting")]
    [InlineData("refund_order", "Refunds a customer order by its order id (A-1234).", "refund the order")]
    // The aspnet-host sample's tool.
    [InlineData("get_order_status", "Looks up where a customer order is: its status and expected delivery date.", "get the order status")]
    // Names in general: acronyms, articles, plurals, uncountable nouns, camelCase, determiners.
    [InlineData("send_sms", "Sends a text message.", "send an SMS")]
    [InlineData("open_vpn_request", "", "open a VPN request")]
    [InlineData("createHrCase", "", "create an HR case")]
    [InlineData("file_expense_report", "", "file an expense report")]
    [InlineData("request_access", "", "request access")]
    [InlineData("list_open_orders", "", "list open orders")]
    [InlineData("request_time_off", "", "request time off")]
    [InlineData("reset_my_password", "", "reset my password")]
    [InlineData("update_user_ids", "", "update user IDs")]
    [InlineData("merge_pr", "", "merge the PR")]
    [InlineData("delete_it", "", "delete it")]
    [InlineData("send_us_letter", "", "send a US letter")]
    // Codes with digits (leftovers34: these fell back to "run the `…` tool"): capitals, no article of their own,
    // "a"/"an" as the code is spoken; a longer word with a digit stays as written.
    [InlineData("reset_2fa", "", "reset 2FA")]
    [InlineData("create_o365_account", "", "create an O365 account")]
    [InlineData("resetO365Password", "", "reset the O365 password")]
    [InlineData("delete_s3_bucket", "", "delete the S3 bucket")]
    [InlineData("upgrade_ec2_instance", "", "upgrade the EC2 instance")]
    [InlineData("file_8d_report", "", "file an 8D report")]
    [InlineData("rotate_oauth2_token", "", "rotate the oauth2 token")]
    [InlineData("get_page_2", "", "get page 2")]
    [InlineData("s3_upload", "", "run the `s3_upload` tool")]
    // A code its author wrote in mixed case keeps that case; IPv4/IPv6 are spelled so even in a lower-case name.
    [InlineData("block_IPv6_address", "", "block the IPv6 address")]
    [InlineData("block_ipv6_address", "", "block the IPv6 address")]
    [InlineData("create_ipv4_route", "", "create an IPv4 route")]
    [InlineData("enable_OAuth2_login", "", "enable the OAuth2 login")]
    [InlineData("blockIPv6Address", "", "block the IPv6 address")]
    // A short imperative in the description is the tool's own wording; a long one is not used.
    [InlineData("create_pr", "Create a pull request from a branch.", "create a pull request")]
    [InlineData("book_room", "Book a meeting room with a projector.", "book a meeting room")]
    [InlineData("book_flight", "Book the cheapest available flight and hotel package in the requested city and cabin class.", "book a flight")]
    // No verb to lead with: the tool by its name.
    [InlineData("weather_lookup", "Weather for a city.", "run the `weather_lookup` tool")]
    [InlineData("math.factorial", "", "run the `math.factorial` tool")]
    public void Tool_names_in_general_read_naturally(string name, string description, string action)
    {
        var tool = new ToolDescriptor
        {
            Name = name,
            Description = description,
            ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone(),
        };

        var answer = Propose(tool, "{}");

        Assert.StartsWith($"I'm ready to {action}.{Reply}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_use_the_same_wording()
    {
        var leave = _kit.Registry.Get("get_leave_balance");
        var gate = new ToolCallGate(new ToolPolicies(new Dictionary<string, ToolPolicyConfig>()), CallerIdentity.Anonymous, routeIsTentative: false);

        var anonymous = gate.Check(leave, new JsonObject());
        var someoneElse = new ToolCallGate(new ToolPolicies(new Dictionary<string, ToolPolicyConfig>()), Anna, routeIsTentative: false)
            .Check(leave, new JsonObject { ["employee_id"] = "NW-1004" });
        var tentative = new ToolCallGate(new ToolPolicies(new Dictionary<string, ToolPolicyConfig>()), Anna, routeIsTentative: true)
            .Check(_kit.Registry.Get("create_it_ticket"), new JsonObject { ["summary"] = "Laptop broken" });

        Assert.StartsWith("I can't get the leave balance without knowing who you are", anonymous.Message, StringComparison.Ordinal);
        Assert.StartsWith("I can only get the leave balance for you", someoneElse.Message, StringComparison.Ordinal);
        Assert.StartsWith("I'm not sure you want me to create an IT ticket, so I did not do it.", tentative.Message, StringComparison.Ordinal);
    }

    private static string Propose(ToolDescriptor tool, string arguments)
    {
        var policies = new ToolPolicies(new Dictionary<string, ToolPolicyConfig>
        {
            [tool.Name] = new() { Name = tool.Name, Confirm = true },
        });
        var gate = new ToolCallGate(policies, Anna, routeIsTentative: false, new ToolConfirmations());
        var decision = new ToolGateDecision(ToolGateOutcome.Confirm, JsonNode.Parse(arguments)!.AsObject());
        return gate.Stopped(tool, decision, []).Answer;
    }

    public void Dispose() => _kit.Dispose();
}
