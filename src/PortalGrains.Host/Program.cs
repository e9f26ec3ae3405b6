using PortalGrains.GraphQL.Hosting;
using PortalGrains.Host.Health;
using PortalGrains.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalSilo();
builder.Services.AddPortalGraphQL(builder.Configuration, builder.Environment.IsDevelopment());
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

app.MapPortalHealthChecks();
app.MapPortalGraphQL();

return await app.RunPortalAsync();
