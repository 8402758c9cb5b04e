#!/usr/bin/env bash
# Make a Docker engine answer for the container tests: install Debian's docker.io and
# debootstrap when missing, then start dockerd in the background unless one already runs.
# Used by `make docker-engine` and by .ci/run. Needs root (apt-get, dockerd).
#
# The flags fit a machine without netfilter: no iptables rules and no bridge, so every
# container shares the host's network (`--network host`). dockerd picks its storage driver
# itself: overlay2 where the kernel allows it, else vfs, which copies the whole filesystem
# for every build step and container (measured here: a build 400 s instead of 53 s).
# DOCKERD_STORAGE_DRIVER=vfs forces the slow one.
set -euo pipefail

DOCKERD_LOG=${DOCKERD_LOG:-/var/log/trailhead-dockerd.log}
STARTUP_SECONDS=60
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
fi

if docker info >/dev/null 2>&1; then
    exit 0
fi

options=(--iptables=false --ip6tables=false --bridge=none)
if [ -n "${DOCKERD_STORAGE_DRIVER:-}" ]; then
    options+=(--storage-driver "$DOCKERD_STORAGE_DRIVER")
fi
# setsid: the engine outlives the shell (and the make) that started it.
setsid dockerd "${options[@]}" >>"$DOCKERD_LOG" 2>&1 </dev/null &

for _ in $(seq "$STARTUP_SECONDS"); do
    if docker info >/dev/null 2>&1; then
        exit 0
    fi
    sleep 1
done
echo "dockerd did not answer within ${STARTUP_SECONDS} s; its log ($DOCKERD_LOG) ends with:" >&2
tail -n 20 "$DOCKERD_LOG" >&2
exit 1
