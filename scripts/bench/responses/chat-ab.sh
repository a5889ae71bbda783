#!/bin/bash
# Writes its last replies under $OUT (default ./responses-bench); start `orchestrator serve --urls http://127.0.0.1:PORT` first.
mkdir -p "${OUT:-responses-bench}"
# Chat completions on main's build (port A) and this branch's (port B): 50 sequential requests per server per round, order alternating.
A=$1; B=$2; ROUNDS=$3; Q='How many vacation days do I get?'
CHAT="{\"model\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"$Q\"}]}"
run() { local s=$(date +%s.%N); for i in $(seq 50); do curl -s -o /dev/null -H 'content-type: application/json' -d "$CHAT" "http://127.0.0.1:$1/v1/chat/completions"; done; echo "$(date +%s.%N) - $s" | bc; }
for r in $(seq $ROUNDS); do
  if (( r % 2 )); then a=$(run $A); b=$(run $B); else b=$(run $B); a=$(run $A); fi
  echo "round $r main_s=$a branch_s=$b"
done
