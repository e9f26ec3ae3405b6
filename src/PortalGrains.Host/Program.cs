using PortalGrains.Gateway;
using PortalGrains.Grains.Hosting;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.Host.Audit;
using PortalGrains.Host.Health;
using PortalGrains.Host.Hosting;
using PortalGrains.Host.Secrets;
using PortalGrains.Host.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalTelemetry();
builder.AddPortalSilo();
builder.AddPortalSecrets();
builder.AddPortalAudit();
builder.Services.AddPortalProvisioning(builder.Configuration);
builder.Services.AddPortalNotifications(builder.Configuration);
builder.Services.AddPortalGrains();
builder.Services.AddPortalGateway();
builder.Services.AddPortalAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddPortalGraphQL(builder.Configuration, builder.Environment.IsDevelopment());
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

app.MapPortalHealthChecks();
app.MapPortalGraphQL();

return await app.RunPortalAsync();
