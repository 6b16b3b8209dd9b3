#!/usr/bin/env bash
# Builds picnet's scenery training set from Debian's wallpaper packages (see README.md beside this file).
# Usage: deploy/datasets/wallpapers.sh OUT [SIZE]   (run from the repository root after `mvn install`)
set -euo pipefail

out=${1:?usage: deploy/datasets/wallpapers.sh OUT [SIZE]}
size=${2:-256}
packages=(gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers ukui-wallpapers)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Download the packages (no installation needed) and unpack their files.
(cd "$work" && apt-get download "${packages[@]}")
for deb in "$work"/*.deb; do
    dpkg-deb -x "$deb" "$work/root"
done

mkdir -p "$(dirname "$out")"
./picnet dataset --from "$work/root/usr/share" --out "$out" --size "$size"
for deb in "$work"/*.deb; do
    printf '%s\t%s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)"
done > "$out/packages.tsv"
echo "packages recorded in $out/packages.tsv"
