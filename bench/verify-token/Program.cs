using System.Globalization;
using System.Text;
using System.Text.Json;
using VerifyTokenBench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{ Timeout = TimeSpan.FromSeconds(30) };
var portal = new PortalClient(http, options.Portal, options.Idp);

string token;
string caller;
if (options.Token is { } given)
{
    token = given;
    caller = options.LoginToken ?? await portal.LoginTokenAsync("bench-caller");
}
else
{
    Console.WriteLine($"provisioning a client through {options.Portal} at {options.Idp} ...");
    (caller, token) = await portal.ProvisionAsync();
    caller = options.LoginToken ?? caller;
}

var (body, answer) = await portal.VerifyOnceAsync(token, caller);
using (var verdict = JsonDocument.Parse(answer))
{
    var verification = verdict.RootElement.GetProperty("data").GetProperty("verifyToken");
    if (!verification.GetProperty("valid").GetBoolean())
    {
        Console.Error.WriteLine("the token does not verify: " + Encoding.UTF8.GetString(answer));
        return 1;
    }

    Console.WriteLine("verifyToken answer (" + answer.Length + " bytes): " + verification);
}

var valid = "\"valid\":true"u8.ToArray();
var jwksBefore = await portal.JwksFetchesAsync();
var portalResult = await LoadGenerator.RunAsync(
    "portal: verifyToken", http, portal.GraphQLUrl, body, caller, valid, options.Connections, options.Warmup, options.Duration);
var jwksAfter = await portal.JwksFetchesAsync();

// verifyToken without the fields resolved outside the verifier (applicationId asks the application grain whether the
// caller may see it; products and plans read the catalogue): the verifier's own share.
var claimsOnlyBody = JsonSerializer.SerializeToUtf8Bytes(new
{
    query = "query($token: String!) { verifyToken(token: $token) { valid reason issuer clientId scopes expiresAt } }",
    variables = new { token },
});
var claimsOnlyResult = await LoadGenerator.RunAsync(
    "portal: verifyToken, claims only", http, portal.GraphQLUrl, claimsOnlyBody, caller, valid,
    options.Connections, options.Warmup, options.Duration);

// The same HTTP, authentication and GraphQL pipeline with a field that does nothing: what verifyToken adds to it.
var floorBody = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ serverVersion }" });
var floorResult = await LoadGenerator.RunAsync(
    "portal: { serverVersion }", http, portal.GraphQLUrl, floorBody, caller, "\"serverVersion\""u8.ToArray(),
    options.Connections, options.Warmup, options.Duration);

await using var bare = await BareEndpoint.StartAsync(answer);
var bareResult = await LoadGenerator.RunAsync(
    "bare ASP.NET Core: same JSON from memory", http, bare.GraphQLUrl, body, caller, valid, options.Connections, options.Warmup, options.Duration);

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine();
Console.WriteLine($"connections {options.Connections}, warm-up {options.Warmup.TotalSeconds.ToString(invariant)} s, measured {options.Duration.TotalSeconds.ToString(invariant)} s per target");
Console.WriteLine();
Console.WriteLine("| target | requests | failures | requests/s | p50 ms | p99 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in new[] { portalResult, claimsOnlyResult, floorResult, bareResult })
{
    Console.WriteLine(string.Create(invariant,
        $"| {r.Target} | {r.Requests} | {r.Failures} | {r.RequestsPerSecond:F0} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"verifyToken / bare throughput: {portalResult.RequestsPerSecond / bareResult.RequestsPerSecond:P1}"));
Console.WriteLine(string.Create(invariant, $"verifyToken / serverVersion throughput: {portalResult.RequestsPerSecond / floorResult.RequestsPerSecond:P1}"));
Console.WriteLine($"IdP JWKS fetches during the portal run (warm-up included): {jwksAfter - jwksBefore}");
return portalResult.Failures + claimsOnlyResult.Failures + floorResult.Failures + bareResult.Failures == 0 ? 0 : 1;
