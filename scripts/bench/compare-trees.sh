#!/usr/bin/env bash
# Compares two checkouts of this repository (each with Release builds of src/Orchestrator.Cli and
# benchmarks/Orchestrator.Benchmarks) on the same machine in the same minutes: `load` alternately (three
# pairs with tiered compilation, two without), then every quality eval on both trees.
# Usage: scripts/bench/compare-trees.sh BEFORE_DIR AFTER_DIR DATA_DIR OUT_DIR
#   DATA_DIR from: python3 scripts/guardian/build-latency-files.py ../shared/datasets DATA_DIR
# Run it on an otherwise idle machine; it takes about 10 minutes on 2 cores.
set -u
if [ $# -ne 4 ]; then echo "usage: $0 BEFORE_DIR AFTER_DIR DATA_DIR OUT_DIR" >&2; exit 2; fi
mkdir -p "$4"; G=$(cd "$3" && pwd); O=$(cd "$4" && pwd)
declare -A ROOT=([before]=$(cd "$1" && pwd) [after]=$(cd "$2" && pwd))
cli() { echo "${ROOT[$1]}/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll"; }
bench() { echo "${ROOT[$1]}/benchmarks/Orchestrator.Benchmarks/bin/Release/net10.0/Orchestrator.Benchmarks.dll"; }
X=$(cd "${ROOT[after]}/../shared/datasets" 2>/dev/null && pwd) || { echo "../shared/datasets not found beside $2" >&2; exit 2; }
for i in 1 2 3; do for b in before after; do
  (cd ${ROOT[$b]} && uptime > $O/load-$b-d$i.up && dotnet $(bench $b) load --requests 200 --concurrency 1,16,64 --cache-concurrency "" --warmup 100 > $O/load-$b-d$i.json 2>$O/load-$b-d$i.err)
done; done
for i in 1 2; do for b in before after; do
  (cd ${ROOT[$b]} && uptime > $O/load-$b-t$i.up && DOTNET_TieredCompilation=0 dotnet $(bench $b) load --requests 200 --concurrency 1,16,64 --cache-concurrency "" --warmup 100 > $O/load-$b-t$i.json 2>$O/load-$b-t$i.err)
done; done
for b in before after; do
  cd ${ROOT[$b]}
  for f in check full benign; do dotnet $(cli $b) eval guardian --task pii --dataset $G/pii-$f.json --json > $O/$b-pii-$f.json 2>&1; done
  dotnet $(cli $b) eval guardian --task injection --dataset $G/injecguard_unseen.jsonl --json > $O/$b-inj.json 2>&1
  dotnet $(cli $b) eval guardian --task harm --dataset $G/harm_latency_sample.jsonl --json > $O/$b-harm.json 2>&1
  DOTNET_TieredCompilation=0 dotnet $(cli $b) eval guardian --task harm --dataset $G/harm_latency_sample.jsonl --json > $O/$b-harm-t.json 2>&1
  dotnet $(cli $b) eval guardian --task groundedness --dataset $X/xquad_en/xquad.en.shared.json --json > $O/$b-ground.json 2>&1
  DOTNET_TieredCompilation=0 dotnet $(cli $b) eval guardian --task groundedness --dataset $X/xquad_en/xquad.en.shared.json --json > $O/$b-ground-t.json 2>&1
done
D=$X/clinc150/data_full_trainval.json; K=$X/banking77/train.csv
rm -rf $O/rc-*
for b in before after; do
  cd ${ROOT[$b]}
  ( /usr/bin/time -v dotnet $(cli $b) eval routing --train $D --test $D --test-split val --router-cache $O/rc-clinc-$b --json > $O/$b-clinc.json 2>$O/$b-clinc.err ) &
  ( /usr/bin/time -v dotnet $(cli $b) eval routing --train $K --test $K --holdout 0.2 --split-seed 42 --router-cache $O/rc-banking-$b --json > $O/$b-banking.json 2>$O/$b-banking.err ) &
  wait
done
for b in before after; do
  cd ${ROOT[$b]}; rm -rf samples/enterprise-assistant/.orchestrator
  dotnet $(cli $b) eval answers --config samples/enterprise-assistant/orchestrator.yaml --cases samples/enterprise-assistant/eval/answers.jsonl --json > $O/$b-answers.json 2>&1
  dotnet $(cli $b) eval retrieval --dataset $X/xquad_en/xquad.en.shared.json --json > $O/$b-retrieval.json 2>&1
done
for b in before after; do
  cd ${ROOT[$b]}; BF=$X/bfcl
  dotnet $(cli $b) eval tools --questions $BF/BFCL_v4_simple_python.json --answers $BF/possible_answer/BFCL_v4_simple_python.json --json > $O/$b-tools-simple.json 2>&1
  dotnet $(cli $b) eval tools --questions $BF/BFCL_v4_irrelevance.json --json > $O/$b-tools-irrelevance.json 2>&1
done
echo finished > $O/DONE
