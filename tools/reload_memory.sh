#!/usr/bin/env bash
# Native memory across reloads: the real server on the bundled tiny model, unloaded and loaded
# again by RPC for CYCLES cycles after a warm-up cycle; prints VmRSS before and after (expects
# within 10%). The Java heap is fixed and pre-touched (-Xms = -Xmx, AlwaysPreTouch), so what RSS
# shows beyond it is native memory: ONNX Runtime sessions, tokenizers, thread stacks.
# Runs through surefire (ReloadMemoryTest), whose manifest-only booter jar keeps the class path
# short: ONNX Runtime 1.29's native start-up crashes when java.class.path exceeds about 4 KB.
# usage: tools/reload_memory.sh [CYCLES, default 50]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o -pl server -am test -Dtest=ReloadMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dclipserve.reload-memory.cycles="${1:-50}" -DargLine="-Xms256m -Xmx256m -XX:+AlwaysPreTouch" \
  | grep -E "reload memory|Tests run|FAIL"
