# check-manpages.sh CLI MAN_DIR: the generated distillscope-cli(1) documents every command that
# `distillscope-cli --help` lists, each command has usage text, and man(1) renders the pages
# without warnings.
set -u
cli=$1 dir=$2 rc=0
page=$dir/distillscope-cli.1
[ -s "$page" ] && [ -s "$page.gz" ] || { echo "FAIL: $page(.gz) not generated (target ds_package_files)"; exit 1; }
cmds=$("$cli" --help | sed -n '/^commands:$/,/^$/p' | sed -e '1d' -e '/^$/d' | awk '{print $1}')
[ -n "$cmds" ] || { echo "FAIL: distillscope-cli --help lists no commands"; exit 1; }
for c in $cmds; do
  usage=$("$cli" "$c" --help) || { echo "FAIL: distillscope-cli $c --help failed"; rc=1; continue; }
  [ -n "$usage" ] || { echo "FAIL: command '$c' has no usage text"; rc=1; }
  grep -qx ".SS $(printf '%s' "$c" | sed 's/-/\\\\-/g')" "$page" || { echo "FAIL: '$c' is not in $page (stale man page?)"; rc=1; }
done
if command -v man >/dev/null; then
  for p in "$dir"/*.1; do
    w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$p" 2>&1 >/dev/null)
    [ -z "$w" ] || { echo "FAIL: man warns about $(basename "$p"):"; echo "$w"; rc=1; }
  done
else
  echo "note: man is not installed; rendering not checked"
fi
[ $rc = 0 ] && echo "man pages document all $(echo $cmds | wc -w) commands: $(echo $cmds)"
exit $rc
