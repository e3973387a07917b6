#!/usr/bin/env bash
# Installs the Debian 12 packages DistillScope needs to build, test and package (only what is missing).
# Extra package names as arguments are installed too (scripts/tidy.sh asks for clang-tidy this way,
# so the demo and the plain suite do not pull in LLVM).
set -euo pipefail
PKGS=(cmake ninja-build g++ pkg-config python3 curl
      qt6-base-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
      qt6-qpa-plugins libqt6svg6 qtkeychain-qt6-dev
      nlohmann-json3-dev libcurl4-openssl-dev libsqlite3-dev
      xvfb xauth imagemagick python3-sklearn python3-aiohttp
      desktop-file-utils appstream lintian dpkg-dev file
      nodejs npm "$@")
missing=()
for p in "${PKGS[@]}"; do
  # node and npm from another source (e.g. NodeSource's nodejs, which bundles npm and conflicts with
  # Debian's npm package) count as present.
  case $p in nodejs | npm) command -v "${p/nodejs/node}" >/dev/null 2>&1 && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} packages present"
  exit 0
fi
SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
