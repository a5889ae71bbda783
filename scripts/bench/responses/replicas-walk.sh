#!/bin/bash
# replicas-walk.sh A_PORT B_PORT: one Responses turn on A, its follow-up by previous_response_id on B; prints statuses and the follow-up's retrieval_query.
A=$1; B=$2
OUT=${OUT:-responses-bench}; mkdir -p "$OUT"
first=$(curl -s -X POST http://127.0.0.1:$A/v1/responses -H 'content-type: application/json' -d '{"model":"orchestrator","input":"How many vacation days do I get?"}')
id=$(echo "$first" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "A answered $id"
curl -s -o "$OUT/follow.json" -w 'B continued: %{http_code}\n' -X POST http://127.0.0.1:$B/v1/responses -H 'content-type: application/json' -d "{\"model\":\"orchestrator\",\"input\":\"and for part-timers?\",\"previous_response_id\":\"$id\"}"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("retrieval_query:", d.get("orchestrator",{}).get("retrieval_query"), "| error:", d.get("error"))' "$OUT/follow.json"
