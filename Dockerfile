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
ENTRYPOINT ["/app/bin/orchestrator", "--config", "/app/samples/enterprise-assistant/orchestrator.yaml"]
