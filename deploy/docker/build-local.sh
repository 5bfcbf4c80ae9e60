#!/usr/bin/env bash
# Builds the CPU image on a machine without Docker, from Debian's tools, then runs it once:
#   1. a Debian bookworm root filesystem with openjdk-17-jre-headless and curl, made by
#      debootstrap from Debian's packages (skipped when the base image exists already);
#   2. the image: the same steps as deploy/docker/Dockerfile (VARIANT=cpu) with buildah;
#   3. a run inside the image with no network but loopback: serve, /health/ready, an embed
#      call, /metrics, then SIGTERM and the exit status.
# usage: deploy/docker/build-local.sh [TARBALL]     (default: distribution/target/clipserve-*.tar.gz)
# Needs root (debootstrap, buildah's storage). DEBIAN_MIRROR overrides the mirror.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARBALL="${1:-$(ls "$ROOT"/distribution/target/clipserve-*.tar.gz 2>/dev/null | head -n 1)}"
[[ -f "$TARBALL" ]] || { echo "build-local.sh: no tarball; run mvn package first" >&2; exit 2; }
NAME="$(basename "$TARBALL" .tar.gz)"
VERSION="${NAME#clipserve-}"
BASE=localhost/clipserve-base:bookworm-jre17
IMAGE="localhost/clipserve:$VERSION-cpu"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# buildah run in a chroot: crun refuses to make containers under this kind of host's hybrid
# cgroup setup ("cgroups in hybrid mode not supported"). The run below gets its own network
# namespace from unshare instead.
export BUILDAH_ISOLATION=chroot

for tool in debootstrap buildah; do
  command -v "$tool" >/dev/null || { apt-get update -q && apt-get install -y -q "$tool"; }
done

step() { echo "== build-local.sh: $* ($(date -u +%T))"; }

if ! buildah inspect --type image "$BASE" >/dev/null 2>&1; then
  step "debootstrap bookworm from $MIRROR"
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl,ca-certificates \
    bookworm "$rootfs" "$MIRROR"
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  base="$(buildah from scratch)"
  cp -a "$rootfs"/. "$(buildah mount "$base")"/
  buildah umount "$base"
  buildah config --env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 --env LANG=C.UTF-8 "$base"
  buildah commit --rm "$base" "$BASE"
  rm -rf "$rootfs"
  trap - EXIT
else
  step "base image $BASE exists: debootstrap skipped"
fi

step "image $IMAGE from $TARBALL"
ctr="$(buildah from "$BASE")"
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah run "$ctr" -- sh -c 'groupadd --gid 10001 clipserve &&
  useradd --uid 10001 --gid 10001 --groups 0 --home-dir /home/clipserve --create-home clipserve'
buildah add "$ctr" "$TARBALL" /opt/
buildah run "$ctr" -- sh -c "mv /opt/$NAME /opt/clipserve && mkdir -p /models &&
  cp -R /opt/clipserve/model-repository/. /models/ && chown -R 10001:0 /models && chmod -R g=u /models"
buildah config --user 10001:10001 --workingdir /home/clipserve \
  --env CLIPSERVE_MODEL_REPOSITORY=/models --env CLIPSERVE_GRPC_PORT=8001 \
  --env MICRONAUT_SERVER_PORT=8000 --env CLIPSERVE_LOG_FORMAT=json \
  --volume /models --port 8001 --port 8000 \
  --healthcheck 'CMD-SHELL "curl -fsS http://localhost:${MICRONAUT_SERVER_PORT:-8000}/health/ready || exit 1"' \
  --healthcheck-interval 10s --healthcheck-timeout 3s --healthcheck-start-period 120s \
  --healthcheck-retries 3 \
  --entrypoint '["/opt/clipserve/bin/clipserve"]' --cmd serve "$ctr"
# Docker format: OCI image configs have no HEALTHCHECK.
buildah commit --format docker "$ctr" "$IMAGE"
buildah rm "$ctr" >/dev/null
buildah images "$IMAGE"

step "run $IMAGE: serve, health, embed, metrics, SIGTERM (network: loopback only)"
# The image's own HEALTHCHECK command, run as Docker would: sh -c.
healthcheck="$(buildah inspect --type image --format '{{index .Docker.Config.Healthcheck.Test 1}}' "$IMAGE")"
run="$(buildah from "$IMAGE")"
trap 'buildah rm "$run" >/dev/null 2>&1 || true' EXIT
unshare -n -- bash -c 'ip link set lo up && exec "$@"' run-local \
  buildah run --user 10001:10001 --env "HEALTHCHECK=$healthcheck" "$run" -- bash -c '
  set -u
  /opt/clipserve/bin/clipserve serve > /tmp/serve.log 2>&1 &
  server=$!
  for _ in $(seq 180); do curl -fsS http://localhost:8000/health/ready >/dev/null 2>&1 && break; sleep 1; done
  echo "health/ready: $(curl -sS -o /dev/null -w "%{http_code}" http://localhost:8000/health/ready)"
  sh -c "$HEALTHCHECK" >/dev/null; echo "HEALTHCHECK ($HEALTHCHECK) exit: $?"
  /opt/clipserve/bin/clipserve embed --target localhost:8001 --text 皮卡丘 --json 2>/tmp/embed.err | cut -c1-120
  echo "embed exit: ${PIPESTATUS[0]}"
  grep -o "\"formattedMessage\":\"[^\"]*\"" /tmp/embed.err | head -n 3
  echo "metrics lines: $(curl -fsS http://localhost:8000/metrics | grep -c "^clipserve_")"
  kill -TERM "$server"; wait "$server"; status=$?
  grep -o "\"formattedMessage\":\"clipserve ready[^\"]*\"" /tmp/serve.log || tail -n 20 /tmp/serve.log
  echo "serve exit after SIGTERM: $status"
  [ "$status" -eq 0 ]'
step "done"
