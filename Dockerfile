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
# The image is a server: with tiered compilation a 2-core service ran its own code unoptimized (tier 0)
# for thousands of requests, about twice the CPU per request of optimized code; off, every method is
# compiled optimized once, for 1–2 s more start-up CPU (docs/benchmarks.md, "perf17").
ENV DOTNET_TieredCompilation=0
ENTRYPOINT ["/app/bin/orchestrator", "--config", "/app/samples/enterprise-assistant/orchestrator.yaml"]
