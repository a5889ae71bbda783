#!/bin/bash
# Writes its last replies under $OUT (default ./responses-bench); start `orchestrator serve --urls http://127.0.0.1:PORT` first.
mkdir -p "${OUT:-responses-bench}"
# Sequential requests, 50 per endpoint per round, the order alternating each round so both see the same load.
# usage: load.sh PORT ROUNDS
PORT=$1; ROUNDS=$2; Q='How many vacation days do I get?'
CHAT="{\"model\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"$Q\"}]}"
RESP="{\"model\":\"orchestrator\",\"input\":\"$Q\"}"
run() { # body path -> seconds for 50 requests
  local s=$(date +%s.%N)
  for i in $(seq 50); do curl -s -o /dev/null -H 'content-type: application/json' -d "$1" "http://127.0.0.1:$PORT$2"; done
  echo "$(date +%s.%N) - $s" | bc
}
for r in $(seq $ROUNDS); do
  if (( r % 2 )); then c=$(run "$CHAT" /v1/chat/completions); p=$(run "$RESP" /v1/responses)
  else p=$(run "$RESP" /v1/responses); c=$(run "$CHAT" /v1/chat/completions); fi
  echo "round $r chat_s=$c responses_s=$p"
done
curl -s -o ${OUT:-responses-bench}/chat.json -H 'content-type: application/json' -d "$CHAT" "http://127.0.0.1:$PORT/v1/chat/completions"
curl -s -o ${OUT:-responses-bench}/resp.json -H 'content-type: application/json' -d "$RESP" "http://127.0.0.1:$PORT/v1/responses"
curl -s -o ${OUT:-responses-bench}/chat.sse -H 'content-type: application/json' -d "${CHAT%\}},\"stream\":true}" "http://127.0.0.1:$PORT/v1/chat/completions"
curl -s -o ${OUT:-responses-bench}/resp.sse -H 'content-type: application/json' -d "${RESP%\}},\"stream\":true}" "http://127.0.0.1:$PORT/v1/responses"
wc -c ${OUT:-responses-bench}/chat.json ${OUT:-responses-bench}/resp.json ${OUT:-responses-bench}/chat.sse ${OUT:-responses-bench}/resp.sse
