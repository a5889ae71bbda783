using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A loopback gRPC server (HTTP/2 without TLS, as Qdrant's port 6334) that answers the Qdrant RPCs
/// the store uses from an in-memory <see cref="FakeQdrantEngine"/>, so the real Qdrant.Client runs
/// over the real wire protocol. The package ships no server base classes, so the gRPC framing
/// (a 5-byte length prefix per message, status in trailers) is done here by hand.
/// Its search semantics only approximate Qdrant's; it proves our requests and our logic, not Qdrant.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeQdrantEngine _engine = new();

    public FakeQdrantServer(string? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost("/{service}/{method}", (HttpContext context, string service, string method) => HandleAsync(context, service + "/" + method, apiKey));
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Urls.First());
    }

    public Uri Url { get; }

    /// <summary>Every RPC received, as "service/method", in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The last request message of each RPC, for tests that check what the client sent.</summary>
    public ConcurrentDictionary<string, IMessage> LastRequests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string rpc, string? apiKey)
    {
        Calls.Enqueue(rpc);
        context.Response.ContentType = "application/grpc";
        IMessage? reply = null;
        var status = StatusCode.OK;
        var detail = "";
        try
        {
            if (apiKey is not null && context.Request.Headers["api-key"] != apiKey)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid api-key"));
            }

            var body = await ReadMessageAsync(context.Request.Body);
            reply = Dispatch(rpc, body);
        }
        catch (RpcException ex)
        {
            (status, detail) = (ex.StatusCode, ex.Status.Detail);
        }

        if (reply is not null)
        {
            var bytes = reply.ToByteArray();
            var frame = new byte[5 + bytes.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
            bytes.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame);
        }

        context.Response.AppendTrailer("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (detail.Length > 0)
        {
            context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(detail));
        }
    }

    private IMessage Dispatch(string rpc, byte[] body)
    {
        IMessage Remember(IMessage request)
        {
            LastRequests[rpc] = request;
            return request;
        }

        return rpc switch
        {
            "qdrant.Collections/CollectionExists" => _engine.Exists((CollectionExistsRequest)Remember(CollectionExistsRequest.Parser.ParseFrom(body))),
            "qdrant.Collections/Create" => _engine.Create((CreateCollection)Remember(CreateCollection.Parser.ParseFrom(body))),
            "qdrant.Collections/Get" => _engine.Info((GetCollectionInfoRequest)Remember(GetCollectionInfoRequest.Parser.ParseFrom(body))),
            "qdrant.Collections/Delete" => _engine.Drop((DeleteCollection)Remember(DeleteCollection.Parser.ParseFrom(body))),
            "qdrant.Points/CreateFieldIndex" => _engine.Index((CreateFieldIndexCollection)Remember(CreateFieldIndexCollection.Parser.ParseFrom(body))),
            "qdrant.Points/Upsert" => _engine.Upsert((UpsertPoints)Remember(UpsertPoints.Parser.ParseFrom(body))),
            "qdrant.Points/Delete" => _engine.Delete((DeletePoints)Remember(DeletePoints.Parser.ParseFrom(body))),
            "qdrant.Points/Get" => _engine.Get((GetPoints)Remember(GetPoints.Parser.ParseFrom(body))),
            "qdrant.Points/Count" => _engine.Count((CountPoints)Remember(CountPoints.Parser.ParseFrom(body))),
            "qdrant.Points/Scroll" => _engine.Scroll((ScrollPoints)Remember(ScrollPoints.Parser.ParseFrom(body))),
            "qdrant.Points/Query" => _engine.Query((QueryPoints)Remember(QueryPoints.Parser.ParseFrom(body))),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"the fake Qdrant does not implement {rpc}")),
        };
    }

    private static async Task<byte[]> ReadMessageAsync(Stream body)
    {
        var header = new byte[5];
        await body.ReadExactlyAsync(header);
        if (header[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "compressed messages are not supported by the fake"));
        }

        var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await body.ReadExactlyAsync(message);
        return message;
    }
}
