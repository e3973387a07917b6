# check-lintian.sh DEB_DIR: lintian reports no errors on the package. Warnings and infos are
# printed (with their explanations in packaging/README-section.md) but do not fail.
set -u
command -v lintian >/dev/null || { echo "SKIP: lintian is not installed"; exit 77; }
deb=$(ls "$1"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: no .deb in $1"; exit 1; }
out=$(lintian --display-info --fail-on error "$deb" 2>&1); rc=$?
echo "$out" | grep -v 'running with root privileges'
echo "lintian: $(echo "$out" | grep -c '^E:') errors, $(echo "$out" | grep -c '^W:') warnings, $(echo "$out" | grep -c '^I:') infos"
exit $rc
