using System.Text.Json;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>One GraphQL answer over HTTP: status and JSON body.</summary>
public sealed record GraphQLAnswer(int Status, JsonElement Body)
{
    public bool HasErrors => Body.ValueKind != JsonValueKind.Object
        || (Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0);

    /// <summary>The data at a dotted path; throws with the whole answer when the request failed.</summary>
    public JsonElement At(string path)
    {
        if (Status != 200 || HasErrors)
        {
            throw new InvalidOperationException($"GraphQL request failed ({Status}): {Body}");
        }

        var element = Body.GetProperty("data");
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    /// <summary>A mutation payload, failing when it carries user errors.</summary>
    public JsonElement Payload(string field)
    {
        var payload = At(field);
        return payload.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            ? throw new InvalidOperationException($"{field} had user errors: {errors}")
            : payload;
    }

    public override string ToString() => $"{Status} {Body}";
}
