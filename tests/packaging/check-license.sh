#!/usr/bin/env bash
# The licence is stated once (LICENSE) and every place the packaging tools read it agrees:
# the DEP-5 copyright file of the .deb carries the same MIT text, AppStream says MIT.
set -euo pipefail
src=$1
lic=$src/LICENSE; cr=$src/packaging/debian/copyright
meta=$src/resources/desktop/io.github.distillscope.DistillScope.metainfo.xml
[ -f "$lic" ] || { echo "no LICENSE at $lic"; exit 1; }
head -1 "$lic" | grep -qx 'MIT License' || { echo "LICENSE is not the MIT licence"; exit 1; }
# Body of the copyright file's "License: MIT" stanza: drop the leading space, "." marks a blank line.
body=$(awk '/^License: MIT$/ {n++; next} n==2 && /^ / {sub(/^ /,""); if ($0==".") $0=""; print}' "$cr" | tr -s ' \n' ' ')
text=$(sed -n '/^Permission is hereby granted/,$p' "$lic" | tr -s ' \n' ' ')
[ "$body" = "$text" ] || { echo "packaging/debian/copyright's MIT text differs from LICENSE"; exit 1; }
grep -q '^Files: \*$' "$cr" && grep -q '^License: MIT$' "$cr" || { echo "copyright: Files: * is not License: MIT"; exit 1; }
grep -q '<project_license>MIT</project_license>' "$meta" || { echo "metainfo project_license is not MIT"; exit 1; }
echo "licence: LICENSE, debian/copyright and AppStream agree (MIT)"
