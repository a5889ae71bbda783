#!/bin/bash
# replicas-ab.sh ROUNDS N: per round, N walks (turn + follow-up) on main's build within one server (memory, 5397->5397)
# and N on this branch across replicas (Redis, 5395->5396), order alternating by round; prints seconds per side.
# Start first: main's build on 5397 and this branch's on 5395 and 5396, all with state: redis and server.stored_responses.
R=$1; N=$2; tm=0; tb=0
run() { local s=$(date +%s.%N); for i in $(seq 1 $N); do "$(dirname "$0")/replicas-walk.sh" $1 $2 > /dev/null; done; echo "$(date +%s.%N) - $s" | bc; }
for r in $(seq 1 $R); do
  if (( r % 2 )); then m=$(run 5397 5397); b=$(run 5395 5396); else b=$(run 5395 5396); m=$(run 5397 5397); fi
  echo "round $r: main memory $m s, branch redis $b s"; tm=$(echo "$tm + $m" | bc); tb=$(echo "$tb + $b" | bc)
done
echo "total: main memory $tm s, branch redis $tb s, ratio branch/main $(echo "scale=3; $tb / $tm" | bc)"
