using System.Buffers;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Schema;
using PortalGrains.GraphQL.Subscriptions;

namespace PortalGrains.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP: POST with <c>application/json</c> {query, variables, operationName}, and GET for queries.
/// One operation per request; batches are refused. The bearer token is checked before execution: a token that is
/// sent but not valid refuses the whole request with <c>UNAUTHENTICATED</c> (401, RFC 6750 §3.1 <c>invalid_token</c>).
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<PortalSchema> executer,
    IGraphQLTextSerializer serializer,
    PortalRequestAuthenticator authenticator,
    QueryAnswerCache answers,
    GraphQLSseEndpoint sse,
    IOptions<GraphQLHostingOptions> options)
{
    private const string JsonContentType = "application/json";

    public async Task HandleAsync(HttpContext context)
    {
        var limits = options.Value;
        GraphQLRequest? request;
        string? requestText;
        IEnumerable<IValidationRule>? extraRules = null;

        if (HttpMethods.IsGet(context.Request.Method))
        {
            request = ReadFromQueryString(context.Request);
            requestText = context.Request.QueryString.Value;
            extraRules = [QueriesOnlyValidationRule.Instance];
        }
        else if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!IsJson(context.Request.ContentType))
            {
                await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                    "Send GraphQL requests as application/json.");
                return;
            }

            if (context.Request.ContentLength > limits.MaxRequestBytes)
            {
                await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
                    $"The request body exceeds {limits.MaxRequestBytes} bytes.");
                return;
            }

            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = limits.MaxRequestBytes;
            }

            try
            {
                (request, requestText) = await ReadBodyAsync(context, limits.MaxRequestBytes);
            }
            catch (RequestTooLargeException)
            {
                await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
                    $"The request body exceeds {limits.MaxRequestBytes} bytes.");
                return;
            }
            catch (BatchedRequestException)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "BATCHING_NOT_SUPPORTED",
                    "Batched requests are not supported: send one operation per request.");
                return;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "BAD_REQUEST",
                    "The request body is not a valid GraphQL request: expected JSON {\"query\": ..., \"variables\": {...}, \"operationName\": ...}.");
                return;
            }
        }
        else
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Use GET or POST.");
            return;
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "BAD_REQUEST", "The request has no query.");
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(context);
        if (authentication.Refused)
        {
            if (authentication.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            await WriteErrorAsync(context, authentication.StatusCode, authentication.ErrorCode!, authentication.ErrorMessage!);
            return;
        }

        context.User = authentication.Principal;
        if (GraphQLSseEndpoint.Accepts(context.Request))
        {
            await sse.HandleAsync(context, request, authentication);
            return;
        }

        var cacheRequest = answers.Prepare(context.Request.Method, authentication.User, requestText);
        var catalogueVersion = 0L;
        if (cacheRequest is not null)
        {
            if (await answers.TryGetAsync(cacheRequest, context.RequestAborted) is { } cached)
            {
                await WriteAnswerAsync(context, cached);
                return;
            }

            catalogueVersion = await answers.CatalogueVersionAsync(context.RequestAborted);
        }

        var userContext = new PortalUserContext(authentication.User, context.RequestServices, context.RequestAborted);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            UserContext = userContext,
            CancellationToken = context.RequestAborted,
            ValidationRules = extraRules is null ? null : DocumentValidator.CoreRules.Concat(extraRules),
        });

        // An answer that read the caller's teams (verifyToken naming a team's application) is not kept: a removal from
        // the team must be in force at the very next request.
        if (cacheRequest is not null && QueryAnswerCache.Holds(result) && !userContext.ReadTeamMembership)
        {
            using var answer = new MemoryStream();
            await serializer.WriteAsync(answer, result, context.RequestAborted);
            var bytes = answer.ToArray();
            await answers.AddAsync(cacheRequest, catalogueVersion, result, request.Variables, bytes, context.RequestAborted);
            await WriteAnswerAsync(context, bytes);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static async Task WriteAnswerAsync(HttpContext context, byte[] answer)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    private GraphQLRequest? ReadFromQueryString(HttpRequest request)
    {
        var variables = request.Query["variables"].ToString();
        var extensions = request.Query["extensions"].ToString();
        return new GraphQLRequest
        {
            Query = request.Query["query"].ToString(),
            OperationName = NullIfEmpty(request.Query["operationName"].ToString()),
            Variables = string.IsNullOrEmpty(variables) ? null : serializer.Deserialize<Inputs>(variables),
            Extensions = string.IsNullOrEmpty(extensions) ? null : serializer.Deserialize<Inputs>(extensions),
        };
    }

    /// <summary>The request, and its text when it is short enough to be a cache key.</summary>
    private async Task<(GraphQLRequest? Request, string? Text)> ReadBodyAsync(HttpContext context, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk.AsMemory(), context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new RequestTooLargeException();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestTooLargeException();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (FirstNonWhitespace(body) == (byte)'[')
        {
            throw new BatchedRequestException();
        }

        var text = body.Length <= QueryAnswerCache.MaxRequestChars ? Encoding.UTF8.GetString(body) : null;
        buffer.Position = 0;
        return (await serializer.ReadAsync<GraphQLRequest>(buffer, context.RequestAborted), text);
    }

    private static byte FirstNonWhitespace(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return 0;
    }

    private async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed class RequestTooLargeException : Exception;

    private sealed class BatchedRequestException : Exception;
}
