using System.ClientModel;
using OpenAI.Responses;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

// The Responses client of OpenAI 2.14 is marked experimental (OPENAI001); these tests exist to exercise it.
#pragma warning disable OPENAI001

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>
/// A tool with <c>confirm: true</c> over the Responses API: the proposal comes back as an output item, and a "yes"
/// runs the call, whether the client sends the items back or continues with <c>previous_response_id</c>.
/// </summary>
public sealed class ResponsesConfirmationTests
{
    private const string Key = "sk-test-alice-acme-000000000001";

    [Fact]
    public async Task A_yes_after_the_proposal_runs_the_proposed_call()
    {
        using var dir = new TempDirectory();
        await using var runtime = await EditedSample.StartAsync(dir.Path, (_, text) => text);
        await using var server = await LoopbackServer.StartAsync(runtime, new ServerConfig
        {
            ApiKeys = [new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(Key)), Tenant = "acme", Name = "alice", User = "NW-1001" }],
            StoredResponses = new StoredResponsesConfig(),
        });
        var client = new ResponsesClient(new ApiKeyCredential(Key), new ResponsesClientOptions { Endpoint = server.ApiEndpoint, NetworkTimeout = TimeSpan.FromSeconds(60) });
        const string Ask = "Open a ticket: my laptop screen at desk 4B is flickering since Monday";
        List<ResponseItem> conversation = [ResponseItem.CreateUserMessageItem(Ask)];

        var proposal = (await client.CreateResponseAsync("orchestrator", conversation)).Value;
        conversation.AddRange(proposal.OutputItems);
        conversation.Add(ResponseItem.CreateUserMessageItem("yes"));
        var filed = (await client.CreateResponseAsync("orchestrator", conversation)).Value;

        var storedProposal = (await client.CreateResponseAsync("orchestrator", Ask)).Value;
        var storedFiled = (await client.CreateResponseAsync("orchestrator", "yes", previousResponseId: storedProposal.Id)).Value;

        Assert.Contains("[confirm:", proposal.GetOutputText(), StringComparison.Ordinal);
        Assert.Matches("Created ticket IT-[0-9]{6}", filed.GetOutputText());
        Assert.Contains("[confirm:", storedProposal.GetOutputText(), StringComparison.Ordinal);
        Assert.Matches("Created ticket IT-[0-9]{6}", storedFiled.GetOutputText());
    }
}
