#!/usr/bin/env bash
# Preprocessing benchmark: clipserve's Java path vs Pillow, JPEG -> normalised 224x224 tensor,
# one thread each, both pinned to the same single core, alternating for a few rounds in one run.
# Prints images per CPU second of each and the ratio java / pillow (median over rounds).
# usage: tools/bench_preprocess.sh [SECONDS per round and side, default 4] [ROUNDS, default 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-4}"
rounds="${2:-3}"
images="${CLIPSERVE_TESTDATA:-$root/testdata}/images"
cd "$root"
mvn -q -B -o -pl bench -am -DskipTests package
classpath="$(ls bench/target/clipserve-bench-*.jar | grep -v -- -tests.jar):bench/target/lib/*"
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c "${CLIPSERVE_BENCH_CPU:-1}")
fi
"${pin[@]}" java -cp "$classpath" io.clipserve.bench.micro.PreprocessBenchmark \
  "$images" "$seconds" "$rounds" "$root/tools/bench_pillow_preprocess.py"
