using System.Net;
using System.Text.Json;
using Orchestrator.AspNetCore;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// <c>serve</c> whose store file is deleted under it: chat answers a 503 that says what happened and how to recover, and
/// /readyz says the same, where before the server went on answering from the deleted file (200) while /readyz said only
/// "the store did not answer" (and its probe created an empty file in the store's place).
/// </summary>
public sealed class StoreFileDeletedServeTests
{
    private const string Parking = """{"model":"orchestrator","messages":[{"role":"user","content":"Where can I park my car?"}]}""";

    [Fact]
    public async Task Chat_and_readyz_answer_503_naming_the_missing_store_file()
    {
        using var deployment = new MiniDeployment();
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        await using var server = await LoopbackServer.StartAsync(runtime);
        using (var before = await server.Client.SendAsync(server.Post(Parking)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(deployment.StoreFile)!, "store.db*"))
        {
            File.Delete(path);
        }

        using var chat = await server.Client.SendAsync(server.Post(Parking));
        using var responses = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","input":"Where can I park my car?"}""", path: "/v1/responses"));
        using var ready = await server.Client.GetAsync("/readyz");
        using var chatBody = JsonDocument.Parse(await chat.Content.ReadAsStringAsync());
        using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Equal(StoreFile.MissingReason, chatBody.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, responses.StatusCode); // the Responses API too
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(StoreFile.MissingReason, readyBody.RootElement.GetProperty("reason").GetString());
        Assert.False(File.Exists(deployment.StoreFile));
    }
}
