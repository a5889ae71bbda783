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
# The image is a server that runs for hours. The CLI's runtimeconfig keeps tiered compilation on (tier-1 code,
# and the framework's precompiled code re-optimized once hot, which tiering off never does) without dynamic
# PGO's extra instrumented tier (<TieredPGO>false</TieredPGO>): the served process settled within ~4,000
# requests at c=16 and then used 0.86-0.98x (median 0.94) the CPU per request of DOTNET_TieredCompilation=0, which this
# image set before, with less start-up CPU (docs/benchmarks.md, "perf30").
ENTRYPOINT ["/app/bin/orchestrator", "--config", "/app/samples/enterprise-assistant/orchestrator.yaml"]
