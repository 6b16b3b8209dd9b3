#!/usr/bin/env bash
# Builds picnet's photo test set from the Ubuntu Touch (Lomiri) wallpaper packages: contest photographs
# that share no picture with the training set (see README.md beside this file). Everything is held out.
# Usage: deploy/datasets/photos.sh OUT [SIZE]   (run from the repository root after `mvn install`)
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

out=${1:?usage: deploy/datasets/photos.sh OUT [SIZE]}
size=${2:-256}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unpack_packages "$work" lomiri-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04
mkdir -p "$(dirname "$out")"
./picnet dataset --from "$work/root/usr/share" --out "$out" --size "$size" --crops-per-scale 2 --held-out-percent 100
record_versions "$work" "$out/packages.tsv"
