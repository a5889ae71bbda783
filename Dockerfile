FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Orchestrator.Cli -c Release -o /out

# The ASP.NET Core runtime: `serve` hosts Kestrel (it also runs every other command).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out /app/bin
COPY agents /app/agents
COPY prompts /app/prompts
COPY samples /app/samples
# The image is a server that runs for hours. Tiered compilation stays on (tier-1 code, and the framework's
# precompiled code re-optimized once hot, which tiering off never does), without dynamic PGO's extra
# instrumented tier: the served process settled within ~4,000 requests at c=16 (default PGO: ~8,000–14,000)
# and then used 0.86–0.95x the CPU per request of tiering off, with less start-up CPU (docs/benchmarks.md, "perf30").
ENV DOTNET_TieredPGO=0
ENTRYPOINT ["/app/bin/orchestrator", "--config", "/app/samples/enterprise-assistant/orchestrator.yaml"]
