#!/usr/bin/env bash
# Packs the repository with a unique version into a temporary local feed, then builds and runs a
# separate console app (tests/consumer) that restores Orchestrator.Core from that feed into its own
# package folder, compiles against the CONTRACTS.md "Library API" snippet and asks one question
# that must call its own tool. Stale packages cannot mask a change: the version is new every run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.0.0-ci.$(date +%s).$$"

dotnet pack "$root/Orchestrator.sln" -c Release -o "$work/feed" -p:Version="$version" --nologo -v quiet
ls "$work/feed"/Orchestrator.Core."$version".nupkg "$work/feed"/Orchestrator.AspNetCore."$version".nupkg "$work/feed"/Orchestrator.Cli."$version".nupkg >/dev/null

app="$work/consumer"
mkdir -p "$app"
cp -r "$root/tests/consumer/." "$app/"
sed "s|@VERSION@|$version|" "$app/Consumer.csproj.template" > "$app/Consumer.csproj"
sed "s|@FEED@|$work/feed|" "$app/NuGet.config.template" > "$app/NuGet.config"
rm "$app"/*.template

dotnet restore "$app/Consumer.csproj" --packages "$work/packages" --configfile "$app/NuGet.config" --nologo -v quiet
dotnet build "$app/Consumer.csproj" --no-restore --packages "$work/packages" -c Release --nologo -v quiet
dotnet "$app/bin/Release/net10.0/Consumer.dll"
