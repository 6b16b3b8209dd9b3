#!/usr/bin/env bash
# Builds picnet's scenery training set from Debian's wallpaper packages (see README.md beside this file).
# Usage: deploy/datasets/wallpapers.sh OUT [SIZE] [MIN_DETAIL]   (run from the repository root after `mvn install`)
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

out=${1:?usage: deploy/datasets/wallpapers.sh OUT [SIZE] [MIN_DETAIL]}
size=${2:-256}
min_detail=${3:-0.5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unpack_packages "$work" gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers ukui-wallpapers
mkdir -p "$(dirname "$out")"
./picnet dataset --from "$work/root/usr/share" --out "$out" --size "$size" --min-detail "$min_detail"
record_versions "$work" "$out/packages.tsv"
