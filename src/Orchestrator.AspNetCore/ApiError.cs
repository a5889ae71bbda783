using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.AspNetCore;

/// <summary>An error reply in the OpenAI shape <c>{"error":{"message","type","param","code"}}</c>. Messages are safe to show to clients.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string message, string code, string? param = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Param = param;
    }

    public ApiException()
        : this(StatusCodes.Status500InternalServerError, "internal error", ApiErrors.ServerError)
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, message, ApiErrors.InvalidRequest)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Code = ApiErrors.InvalidRequest;
    }

    public int Status { get; }

    public string Code { get; }

    public string? Param { get; }

    public static ApiException BadRequest(string message, string code = ApiErrors.InvalidRequest, string? param = null) =>
        new(StatusCodes.Status400BadRequest, message, code, param);
}

internal static class ApiErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidJson = "invalid_json";
    public const string InvalidType = "invalid_type";
    public const string ModelNotFound = "model_not_found";
    public const string TooLarge = "request_too_large";
    public const string HeadersTooLarge = "headers_too_large";
    public const string InvalidHeader = "invalid_header";
    public const string InvalidApiKey = "invalid_api_key";
    public const string RateLimited = "rate_limit_exceeded";
    public const string ServerError = "server_error";

    /// <summary>The OpenAI error type for a status: clients branch on it.</summary>
    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => InvalidApiKey,
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => ServerError,
        _ => InvalidRequest,
    };

    public static byte[] Body(string message, string type, string code, string? param) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(message, type, param, code)), ServeJson.Options);

    public static async Task WriteAsync(HttpResponse response, int status, string message, string? code = null, string? param = null)
    {
        var body = Body(message, TypeFor(status), code ?? CodeFor(status), param);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private sealed record ErrorEnvelope(ErrorBody Error);

    // OpenAI always sends "param" (null when no field is to blame); ServeJson leaves nulls out, so this one is kept explicitly.
    private sealed record ErrorBody(string Message, string Type, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param, string Code);
}
