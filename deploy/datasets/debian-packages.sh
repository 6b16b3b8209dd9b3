# Sourced by the dataset scripts beside it: fetch Debian packages' files without installing them.

# unpack_packages WORK PACKAGE...: downloads the packages into WORK and unpacks them under WORK/root.
unpack_packages() {
    local work=$1; shift
    (cd "$work" && apt-get download "$@")
    for deb in "$work"/*.deb; do
        dpkg-deb -x "$deb" "$work/root"
    done
}

# record_versions WORK FILE: writes "package<TAB>version" for every package downloaded into WORK.
record_versions() {
    local work=$1 file=$2
    for deb in "$work"/*.deb; do
        printf '%s\t%s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)"
    done > "$file"
    echo "packages recorded in $file"
}
