using System.Net;
using System.Text.Json;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>An answer of the GraphQL endpoint: status, JSON body and the HTTP response (headers).</summary>
public sealed record GraphQLEndpointResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Message)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<JsonElement> Errors =>
        Body.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public IReadOnlyList<string?> ErrorCodes =>
        [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null)];

    public override string ToString() => $"{(int)Status} {Body}";
}
