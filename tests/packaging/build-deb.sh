# build-deb.sh CPACK BUILD_DIR OUT_DIR: builds the .deb the way a maintainer does (cpack -G DEB in
# the build folder) into OUT_DIR and shows its control data and contents.
set -u
cpack=$1 build=$2 out=$3
for t in dpkg-deb dpkg-shlibdeps; do
  command -v $t >/dev/null || { echo "SKIP: $t is not installed (not a Debian system?)"; exit 77; }
done
rm -rf "$out"; mkdir -p "$out"
start=$(date +%s)
(cd "$build" && "$cpack" -G DEB -B "$out") >"$out/cpack.log" 2>&1 || { echo "FAIL: cpack:"; tail -40 "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: cpack made no .deb"; cat "$out/cpack.log"; exit 1; }
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $(( $(date +%s) - start )) s"
dpkg-deb -I "$deb"
dpkg-deb -c "$deb"
