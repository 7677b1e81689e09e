#!/usr/bin/env bash
# Proof that `make test` passes on a clean clone every time (issue 14): clones main into a new
# folder, runs `make test` RUNS times in a row, then once more with every core kept busy by
# stress-ng. Prints one line per run; the logs stay in the clone's runs/ folder.
#   bench/clean-runs.sh [RUNS]    (from the checkout; about 16 minutes per run here)
# CLONE=/path/prep-hub reuses an earlier clone of this script (pulled to main first), and so
# its target/ folder.
set -uo pipefail
runs=${1:-5}
src=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
if [ -n "${CLONE:-}" ]; then
  cd "$CLONE" && git pull -q --ff-only && git status --porcelain | grep -q . && { echo "$CLONE has local changes"; exit 1; }
else
  clone=$(mktemp -d /work/clean-XXXX 2>/dev/null || mktemp -d)
  git clone -q "$src" "$clone/prep-hub" && cd "$clone/prep-hub" || exit 1
fi
mkdir -p runs
echo "clone of $(git rev-parse --short HEAD) in $PWD"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  make test >"runs/run-$i.log" 2>&1; rc=$?
  echo "run $i: exit $rc after $(( $(date +%s) - start )) s ($(grep -c '^test .* ok$' "runs/run-$i.log") tests ok, $(grep -c '^test .* FAILED$' "runs/run-$i.log") failed)"
done
command -v stress-ng >/dev/null || sudo apt-get install -y stress-ng >/dev/null
stress-ng --cpu "$(nproc)" --timeout 0 >/dev/null 2>&1 & stress=$!
start=$(date +%s)
make test >runs/run-busy.log 2>&1; rc=$?
kill "$stress"; wait "$stress" 2>/dev/null
echo "busy run (stress-ng --cpu $(nproc)): exit $rc after $(( $(date +%s) - start )) s ($(grep -c '^test .* ok$' runs/run-busy.log) tests ok, $(grep -c '^test .* FAILED$' runs/run-busy.log) failed)"
