# PortalGrains host (Orleans silo + GraphQL API) as a container image.
#   docker build -t portalgrains:1.0.0 .
# Build stage: the .NET SDK restores and publishes the host; only src/ and the root build files are copied
# (see .dockerignore).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet restore src/PortalGrains.Host/PortalGrains.Host.csproj
RUN dotnet publish src/PortalGrains.Host/PortalGrains.Host.csproj --configuration Release --no-restore \
    --output /app /p:UseAppHost=false

# Runtime stage: the ASP.NET Core runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The aspnet image has neither curl nor wget, and HEALTHCHECK needs an HTTP client: curl from the distribution's
# packages is the smallest dependable one (a --health-probe mode of the host would start the whole .NET runtime on
# every check).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# appsettings.json binds 127.0.0.1:5080; in a container the API listens on every interface. URLS (not
# ASPNETCORE_URLS) because the appsettings key overrides ASPNETCORE_-prefixed variables.
ENV URLS=http://+:8080 \
    PORTAL_HTTP_PORT=8080 \
    DOTNET_NOLOGO=1
# HTTP (GraphQL, /healthz), Orleans silo-to-silo, Orleans gateway, Prometheus metrics (Telemetry__MetricsPort).
EXPOSE 8080 11111 30000 9464
# The non-root user the .NET images define (uid 1654).
USER 1654
# Shell form so that a silo listening elsewhere (docker-compose.yml) sets PORTAL_HTTP_PORT. Six retries stand in for
# --start-period (a silo is up within a minute), which dockerfilelint 1.8.0 misreads as an unknown option.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
    CMD curl -fsS "http://127.0.0.1:${PORTAL_HTTP_PORT}/healthz" || exit 1
# SIGTERM starts the graceful shutdown: /healthz turns 503, requests drain, the silo leaves the cluster.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "PortalGrains.Host.dll"]
