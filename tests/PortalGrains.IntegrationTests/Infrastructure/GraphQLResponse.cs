using System.Text.Json;

namespace PortalGrains.IntegrationTests.Infrastructure;

public sealed record GraphQLResponse(int Status, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public bool HasErrors => Body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0;

    public IReadOnlyList<string?> ErrorCodes => HasErrors
        ? [.. Body.GetProperty("errors").EnumerateArray().Select(e =>
            e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)]
        : [];

    /// <summary>The data at a dotted path, failing with the whole answer when the request had errors.</summary>
    public JsonElement At(string path)
    {
        if (HasErrors)
        {
            throw new InvalidOperationException("GraphQL errors: " + Body);
        }

        var element = Data;
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    /// <summary>The user errors of a mutation payload at <paramref name="payload"/>, asserting there are none.</summary>
    public JsonElement Payload(string payload)
    {
        var result = At(payload);
        var errors = result.GetProperty("errors");
        return errors.GetArrayLength() == 0 ? result : throw new InvalidOperationException($"{payload} had user errors: {errors}");
    }

    public override string ToString() => Body.ToString();
}
