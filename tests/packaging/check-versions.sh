# check-versions.sh VERSION METAINFO CHANGELOG CLI: the project version, the newest AppStream
# release, the newest Debian changelog entry and `distillscope-cli --version` agree.
set -u
version=$1 metainfo=$2 changelog=$3 cli=$4 rc=0
rel=$(grep -o -m1 '<release version="[^"]*"' "$metainfo" | cut -d'"' -f2)
deb=$(sed -n '1s/^distillscope (\([^)]*\)).*/\1/p' "$changelog")
out=$("$cli" --version)
[ "$rel" = "$version" ] || { echo "FAIL: newest <release> in $(basename "$metainfo") is '$rel', project version is $version"; rc=1; }
[ "$deb" = "$version" ] || { echo "FAIL: newest entry in packaging/debian/changelog is '$deb', project version is $version"; rc=1; }
[ "$out" = "distillscope-cli $version" ] || { echo "FAIL: distillscope-cli --version printed '$out'"; rc=1; }
[ $rc = 0 ] && echo "version $version everywhere"
exit $rc
