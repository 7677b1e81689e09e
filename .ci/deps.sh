#!/usr/bin/env bash
# Installs the system packages a target needs, only those missing. Usage: deps.sh run|test|bundle
set -euo pipefail

run_pkgs=(pkg-config build-essential curl wget file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
test_pkgs=(webkit2gtk-driver xvfb xauth iproute2 util-linux)

want=("${run_pkgs[@]}")
case "${1:-run}" in
  run | bundle) ;;
  test) want+=("${test_pkgs[@]}") ;;
  *) echo "usage: $0 run|test|bundle" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing missing system packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ "${1:-run}" == test ]] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver from crates.io"
  cargo install tauri-driver --version 2.1.0 --locked
fi
