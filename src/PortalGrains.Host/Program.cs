using PortalGrains.Gateway;
using PortalGrains.Grains.Hosting;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.Host.Audit;
using PortalGrains.Host.Dashboard;
using PortalGrains.Host.Health;
using PortalGrains.Host.Hosting;
using PortalGrains.Host.Secrets;
using PortalGrains.Host.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalTelemetry();
builder.AddPortalSilo();
builder.AddPortalDashboard();
builder.AddPortalSecrets();
builder.AddPortalAudit();
builder.Services.AddPortalProvisioning();
builder.Services.AddPortalNotifications();
builder.Services.AddPortalGrains();
builder.Services.AddPortalGateway();
builder.Services.AddPortalAuthentication(builder.Environment);
builder.Services.AddPortalGraphQL(builder.Environment.IsDevelopment());
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

app.UseWebSockets();
app.MapPortalHealthChecks();
app.MapPortalGraphQL();
app.MapPortalDashboard();

return await app.RunPortalAsync();
