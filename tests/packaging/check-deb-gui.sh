# check-deb-gui.sh DEB_DIR VERSION: the GUI unpacked from the .deb prints its version and starts
# (offscreen, throw-away HOME/XDG folders): still running after a few seconds counts as started.
set -u
dir=$1 version=$2 rc=0
deb=$(ls "$dir"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: no .deb in $dir"; exit 1; }
root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
gui=$root/usr/bin/distillscope
[ -x "$gui" ] || { echo "FAIL: no /usr/bin/distillscope in the package"; exit 1; }
export QT_QPA_PLATFORM=offscreen HOME=$root/home XDG_DATA_HOME=$root/home/data \
       XDG_CONFIG_HOME=$root/home/config XDG_CACHE_HOME=$root/home/cache XDG_RUNTIME_DIR=$root/run
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"

v=$(timeout -k 2 15 "$gui" --version 2>"$root/err" </dev/null); vrc=$?
if [ $vrc = 124 ]; then
  echo "FAIL: distillscope --version opened the window instead of printing the version (add it in app/gui/main.cpp)"; rc=1
elif [ $vrc != 0 ] || ! printf '%s' "$v" | grep -q "$version"; then
  echo "FAIL: distillscope --version (exit $vrc) printed '$v'"; cat "$root/err"; rc=1
fi

timeout -k 2 5 "$gui" >"$root/out" 2>&1 </dev/null; src=$?
case $src in
  124) ;; # still running after 5 s: started
  0) echo "note: the GUI exited by itself with 0 within 5 s" ;;
  *) echo "FAIL: the GUI exited with $src on start:"; tail -20 "$root/out"; rc=1 ;;
esac
[ $rc = 0 ] && echo "GUI from the package: '$v', started offscreen"
exit $rc
