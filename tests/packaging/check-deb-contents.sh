# check-deb-contents.sh DEB_DIR VERSION APP_ID: unpacks the .deb into a temporary root (dpkg-deb -x)
# and checks what an installed system gets: both executables, desktop entry, icon, metainfo, man
# pages, copyright, changelog, bundled data; then runs the unpacked CLI.
set -u
dir=$1 version=$2 appid=$3 rc=0
deb=$(ls "$dir"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: no .deb in $dir"; exit 1; }
root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
need() { [ -e "$root/$1" ] || { echo "FAIL: the package has no /$1"; rc=1; }; }
need usr/bin/distillscope-cli
need usr/share/man/man1/distillscope-cli.1.gz
need usr/share/doc/distillscope/copyright
need usr/share/doc/distillscope/changelog.gz
need usr/share/distillscope/resources/sim/demo.json
need usr/share/distillscope/resources/ice/questions.json
if [ -e "$root/usr/bin/distillscope" ]; then
  need usr/share/man/man1/distillscope.1.gz
  need "usr/share/applications/$appid.desktop"
  need "usr/share/metainfo/$appid.metainfo.xml"
  need usr/share/icons/hicolor/scalable/apps/distillscope.svg
fi
command -v file >/dev/null && for f in "$root"/usr/bin/*; do
  file -b "$f" 2>/dev/null | grep -q 'not stripped' && { echo "FAIL: $(basename "$f") is not stripped"; rc=1; }
done

export HOME=$root/home XDG_DATA_HOME=$root/home/data XDG_CONFIG_HOME=$root/home/config
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
cli=$root/usr/bin/distillscope-cli
v=$("$cli" --version 2>&1) || { echo "FAIL: the unpacked distillscope-cli --version: $v"; rc=1; }
[ "$v" = "distillscope-cli $version" ] || { echo "FAIL: --version printed '$v'"; rc=1; }
"$cli" --help >"$root/help" 2>&1 || { echo "FAIL: the unpacked distillscope-cli --help:"; cat "$root/help"; rc=1; }
for c in $(sed -n '/^commands:$/,/^$/p' "$root/help" | sed -e '1d' -e '/^$/d' | awk '{print $1}'); do
  "$cli" "$c" --help >/dev/null 2>&1 || { echo "FAIL: the unpacked distillscope-cli $c --help"; rc=1; }
done
[ $rc = 0 ] && echo "unpacked $(basename "$deb"): $v; $(find "$root/usr" -type f | wc -l) files"
exit $rc
