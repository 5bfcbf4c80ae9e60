#!/usr/bin/env bash
# The batching and throughput figures of the README, in one go, on the vit-b-16 preset:
#   1. images, unary, concurrency 1 and 8, against the in-process ONNX Runtime baseline, and the
#      light-load spread: single requests paired with bare encoder calls (4 x SECONDS per round)
#   2. texts, unary, concurrency 1 and 32, against the baseline, and the light-load spread
#   3. texts, concurrency 32, unary and then EmbedStream, each sending at least STREAM_TEXTS texts
#      (default 10,000; the window follows from the unary rate of step 2), and their ratio
#   4. texts, unary, concurrency 32, on the same encoders with max_batch_size 1 (batching gain)
# Serves models/ (generating the preset if missing, plus a max_batch_size 1 variant whose version
# directory links to the same files) on ports 18001/18000, writes JSON to target/bench/.
# Each bench runs ROUNDS rounds, its sweep and baseline interleaved (see bench --rounds).
# usage: tools/bench_batching.sh [SECONDS per step, default 15] [BASELINE SECONDS per batch size,
#        default 8] [ROUNDS, default 2] [STREAM_TEXTS, default 10000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-15}"
baseline_seconds="${2:-8}"
rounds="${3:-2}"
stream_texts="${4:-10000}"
images="${CLIPSERVE_TESTDATA:-$root/testdata}/images"
texts="$root/tools/texts/bench_texts.txt"
model=cn-clip-vit-b-16
out="$root/target/bench"
python="${CLIPSERVE_PYTHON:-python3}"
cd "$root"
mkdir -p "$out"

[[ -f "models/$model/1/image.onnx" ]] || "$python" tools/gen_clip_model.py --preset vit-b-16
variant="models/$model-mb1"
mkdir -p "$variant/1"
ln -sf "../../$model/1/image.onnx" "$variant/1/image.onnx"
ln -sf "../../$model/1/text.onnx" "$variant/1/text.onnx"
ln -sf "../$model/vocab.txt" "$variant/vocab.txt"
sed -e "s/^name: .*/name: \"$model-mb1\"/" -e 's/max_batch_size: [0-9]*/max_batch_size: 1/' \
  "models/$model/config.pbtxt" > "$variant/config.pbtxt"

bin/clipserve serve --model-repository models --grpc-port 18001 --http-port 18000 --poll-seconds 0 \
  > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
until grep -q "clipserve ready" "$out/server.log"; do
  kill -0 "$server" || { cat "$out/server.log"; exit 1; }
  sleep 1
done

bench() {
  echo "== $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) :: bin/clipserve bench $*"
  bin/clipserve bench --target localhost:18001 --server-pid "$server" --warmup-seconds 5 \
    --seconds "${window:-$seconds}" --rounds "$rounds" "$@"
}
# A figure from bench's JSON: json FILE EXPRESSION (Python, over the list `steps`)
json() {
  "$python" -c 'import json, sys; steps = json.load(open(sys.argv[1]))["steps"]
print(eval(sys.argv[2]))' "$1" "$2"
}
calc() {
  "$python" -c "import math; print($1)"
}
light_load_seconds=$((seconds * 4))
bench --model "$model" --images "$images" --concurrency 1,8 --light-load-seconds "$light_load_seconds" \
  --baseline "models/$model" --baseline-seconds "$baseline_seconds" --json "$out/images.json"
bench --model "$model" --texts "$texts" --concurrency 1,32 --light-load-seconds "$light_load_seconds" \
  --baseline "models/$model" --baseline-seconds "$baseline_seconds" --json "$out/texts.json"
step2_rate="$(json "$out/texts.json" 'next(s["items_per_second"] for s in steps if s["concurrency"] == 32)')"
window="$(calc "math.ceil(1.1 * $stream_texts / ($step2_rate * $rounds))")"
bench --model "$model" --texts "$texts" --concurrency 32 --json "$out/texts-unary-32.json"
bench --model "$model" --texts "$texts" --concurrency 32 --mode stream --json "$out/texts-stream.json"
unset window
stream_rate="$(json "$out/texts-stream.json" 'steps[0]["items_per_second"]')"
unary_rate="$(json "$out/texts-unary-32.json" 'steps[0]["items_per_second"]')"
echo "texts answered in the windows: unary $(json "$out/texts-unary-32.json" 'steps[0]["requests"]')," \
  "EmbedStream $(json "$out/texts-stream.json" 'steps[0]["requests"]');" \
  "EmbedStream / unary = $stream_rate / $unary_rate = $(calc "round($stream_rate / $unary_rate, 3)")"
bench --model "$model-mb1" --texts "$texts" --concurrency 32 --json "$out/texts-mb1.json"
echo "== $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
