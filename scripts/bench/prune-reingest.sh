#!/bin/bash
# Re-ingest cost with and without pruning (docs/benchmarks.md, "Pruning deleted files on re-ingest").
# Usage: scripts/bench/prune-reingest.sh BEFORE_TREE AFTER_TREE WORK_DIR [FILES]
# Each tree is a checkout with a Release build of src/Orchestrator.Cli. WORK_DIR gets two copies of a
# deployment (one collection, one retrieval agent, FILES one-paragraph .md files, default 2000), one per tree.
set -euo pipefail
before=$(realpath "$1"); after=$(realpath "$2"); work=$3; n=${4:-2000}
dll=src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll

setup() {
  local d=$1
  rm -rf "$d"; mkdir -p "$d/kb" "$d/agents"
  printf 'models:\n  embedder: { provider: embedded-minilm }\nrouter:\n  out_of_scope_examples: [ "what is the weather tomorrow", "tell me a joke", "who won the football match" ]\ncollections:\n  kb: { paths: [ kb ] }\nagents: agents/\n' > "$d/orchestrator.yaml"
  printf 'name: policies\nkind: retrieval\ndescription: Company policies.\nexamples: [ "What is the policy on travel?", "which policy covers laptops", "policy for remote work" ]\nknowledge: kb\n' > "$d/agents/policies.yaml"
  for i in $(seq -w 1 "$n"); do printf '# Policy %s\n\nPolicy %s applies to team %s only.\n' "$i" "$i" "$i" > "$d/kb/p$i.md"; done
}

ingest() { # tree copy label
  (cd "$1" && /usr/bin/time -f "$3 %e s" dotnet "$dll" --config "$work/$2/orchestrator.yaml" ingest "$work/$2/kb" 2>&1 | grep -E "^collection|^$3 ")
}

setup "$work/before"; setup "$work/after"
ingest "$before" before "before first"; ingest "$after" after "after first"
echo "# unchanged re-ingest"
for r in 1 2 3 4 5 6; do ingest "$before" before before; ingest "$after" after after; uptime; done
echo "# re-ingest with the files ending in 0 or 5 deleted"
for r in 1 2; do
  for side in before after; do mkdir -p "$work/held-$side"; mv "$work/$side"/kb/p*[05].md "$work/held-$side/"; done
  ingest "$before" before "before deleted"; ingest "$after" after "after deleted"; uptime
  for side in before after; do mv "$work/held-$side"/* "$work/$side/kb/"; done
  ingest "$before" before "before restore" >/dev/null; ingest "$after" after "after restore" >/dev/null
done
