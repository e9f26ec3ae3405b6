using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>The answers a row of the authorization matrix may expect.</summary>
public static class MatrixExpectations
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";

    /// <summary>A GraphQL error with <paramref name="code"/> at <paramref name="field"/>, no other error, and no data there.</summary>
    public static Func<GraphQLResponse, AuthorizationWorld, Task> Refused(string field, string code) => (response, _) =>
    {
        Assert.True(response.Status == 200, $"HTTP {response.Status}: {response}");
        Assert.True(response.HasErrors, $"expected {code} at {field}, got {response}");
        foreach (var error in response.Body.GetProperty("errors").EnumerateArray())
        {
            Assert.True(CodeOf(error) == code, $"expected only {code} errors, got {response}");
            Assert.True(error.TryGetProperty("path", out var path) && path[0].GetString() == field, $"expected the error at {field}: {response}");
        }

        Assert.True(DataAt(response, field) is not { ValueKind: not JsonValueKind.Null }, $"data leaked at {field}: {response}");
        return Task.CompletedTask;
    };

    /// <summary>No error, and null at the dotted <paramref name="path"/>.</summary>
    public static Func<GraphQLResponse, AuthorizationWorld, Task> Null(string path) => (response, _) =>
    {
        Assert.Equal(JsonValueKind.Null, response.At(path).ValueKind);
        return Task.CompletedTask;
    };

    /// <summary>No error, and <paramref name="check"/> holds for the data at <paramref name="path"/>.</summary>
    public static Func<GraphQLResponse, AuthorizationWorld, Task> Data(string path, Action<JsonElement, AuthorizationWorld> check) => (response, world) =>
    {
        var element = response.At(path);
        Assert.True(element.ValueKind != JsonValueKind.Null, $"expected data at {path}: {response}");
        check(element, world);
        return Task.CompletedTask;
    };

    /// <summary>A mutation payload at <paramref name="payload"/> with a user error <paramref name="code"/> and no result at <paramref name="resultField"/>.</summary>
    public static Func<GraphQLResponse, AuthorizationWorld, Task> UserError(string payload, string resultField, string code) => (response, _) =>
    {
        var result = response.At(payload);
        var codes = result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.True(codes.Contains(code), $"expected user error {code}, got {response}");
        Assert.Equal(JsonValueKind.Null, result.GetProperty(resultField).ValueKind);
        return Task.CompletedTask;
    };

    /// <summary>A mutation payload at <paramref name="payload"/> without user errors, checked by <paramref name="check"/>.</summary>
    public static Func<GraphQLResponse, AuthorizationWorld, Task> Succeeded(string payload, Action<JsonElement, AuthorizationWorld> check) => (response, world) =>
    {
        check(response.Payload(payload), world);
        return Task.CompletedTask;
    };

    public static IReadOnlyList<string?> Ids(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetProperty("id").GetString())];

    private static string? CodeOf(JsonElement error) =>
        error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static JsonElement? DataAt(GraphQLResponse response, string field) =>
        response.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(field, out var value)
            ? value
            : null;
}
