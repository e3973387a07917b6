#!/bin/sh
# Generates a man page from a built executable's own help text, so `--help` and the man page can
# never disagree. Run by the build (packaging/CMakeLists.txt); plain POSIX sh + awk + sed + gzip.
#
#   gen-manpage.sh cli|gui EXECUTABLE TEMPLATE OUT VERSION DATE
#
# cli: runs `EXECUTABLE --help` for the global options and the command list, then
#      `EXECUTABLE COMMAND --help` for every command; a command without usage text is an error.
# gui: runs `EXECUTABLE --help` (offscreen, with a timeout, in a throw-away XDG environment) and
#      turns a QCommandLineParser "Options:" block into an OPTIONS section.
# The template's lines @NAME@, @SYNOPSIS@, @DESCRIPTION@, @OPTIONS@, @COMMAND_LIST@ and
# @COMMANDS@ are replaced by generated blocks; @VERSION@ and @DATE@ anywhere. Writes OUT and
# OUT.gz (gzip -9n: maximum compression, no timestamp, as Debian wants).
set -eu
mode=$1 exe=$2 template=$3 out=$4 version=$5 date=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Escapes plain text for troff: backslashes, hyphens (so options copy-paste as ASCII '-'), and
# control characters at the start of a line.
esc() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

# "  --opt ARG     description" lines -> .TP entries (options bold, their arguments italic).
options_to_tp() {
  esc | awk '
    /^[ \t]+\\-/ {
      line = $0; sub(/^[ \t]+/, "", line)
      if (match(line, /   *|\t/)) { opt = substr(line, 1, RSTART - 1); desc = substr(line, RSTART + RLENGTH) }
      else { opt = line; desc = "" }
      sub(/[ \t]+$/, "", opt)
      n = split(opt, w, / /); s = ""
      for (i = 1; i <= n; i++) s = s (i > 1 ? " " : "") (w[i] ~ /^\\-/ ? "\\fB" : "\\fI") w[i] "\\fR"
      print ".TP"; print s; if (desc != "") print desc; next
    }
    /^[ \t]+[^ \t]/ { line = $0; sub(/^[ \t]+/, "", line); print line; next }'
}

case $mode in
cli)
  "$exe" --help >"$work/help" 2>"$work/err" </dev/null || { echo "$exe --help failed:" >&2; cat "$work/err" >&2; exit 1; }
  tagline=$(sed -n '1s/^[^ ]* [^ ]* - //p' "$work/help")
  printf '%s \\- %s\n' "$(basename "$exe" | esc)" "$(printf '%s' "$tagline" | esc)" >"$work/NAME"
  sed -n 's/^usage: //p' "$work/help" | head -1 | esc | awk '{ print ".B " $1; $1 = ""; sub(/^ /, ""); print $0 }' >"$work/SYNOPSIS"
  sed -n '/^global options:$/,/^$/p' "$work/help" | sed '1d' | options_to_tp >"$work/OPTIONS"
  sed -n '/^commands:$/,/^$/p' "$work/help" | sed -e '1d' -e '/^$/d' >"$work/commands"
  [ -s "$work/commands" ] || { echo "no commands listed by $exe --help" >&2; exit 1; }
  : >"$work/COMMAND_LIST"; : >"$work/COMMANDS"
  while read -r name summary; do
    "$exe" "$name" --help >"$work/usage" 2>"$work/err" </dev/null || { echo "$exe $name --help failed" >&2; cat "$work/err" >&2; exit 1; }
    [ -s "$work/usage" ] || { echo "command '$name' has no usage text" >&2; exit 1; }
    { printf '.TP\n\\fB%s\\fR\n%s\n' "$(printf '%s' "$name" | esc)" "$(printf '%s' "$summary" | esc)"; } >>"$work/COMMAND_LIST"
    { printf '.SS %s\n%s\n.PP\n.RS 2\n.EX\n' "$(printf '%s' "$name" | esc)" "$(printf '%s' "$summary" | esc)"
      esc <"$work/usage" | sed -e 's/^$/.sp/'
      printf '.EE\n.RE\n'; } >>"$work/COMMANDS"
  done <"$work/commands"
  ;;
gui)
  # QApplication must not need a display or touch the user's files to print its help.
  # The data folder gets a very short path: QCommandLineParser wraps at 79 columns and cuts a
  # default path that is longer than its description column mid-word.
  data=$(mktemp -d /tmp/XXX)
  trap 'rm -rf "$work" "$data"' EXIT
  mkdir -p "$work/xdg/config" "$work/xdg/cache" "$work/xdg/runtime"
  chmod 700 "$work/xdg/runtime"
  rc=0
  env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$data" \
      XDG_CACHE_HOME="$work/xdg/cache" XDG_RUNTIME_DIR="$work/xdg/runtime" \
      timeout -k 2 10 "$exe" --help >"$work/help" 2>"$work/err" </dev/null || rc=$?
  printf '%s \\- %s\n' "$(basename "$exe" | esc)" "graphical lab that measures how much one LLM was distilled from another" >"$work/NAME"
  printf '.B %s\n[\\fIOPTIONS\\fR]\n' "$(basename "$exe" | esc)" >"$work/SYNOPSIS"
  # Defaults that the help text derives from the environment read as the variables, not our
  # throw-away folders.
  sed -i -e "s|$data|\$XDG_DATA_HOME|g" -e "s|$work/xdg/config|\$XDG_CONFIG_HOME|g" \
         -e "s|$work/xdg/cache|\$XDG_CACHE_HOME|g" "$work/help"
  if [ "$rc" -eq 0 ] && grep -q '^Options:' "$work/help"; then
    # QCommandLineParser: "Usage: ...", the application description, a blank line, "Options:".
    sed -n '2,/^$/p' "$work/help" | sed '/^$/d' | esc >"$work/DESCRIPTION"
    sed -n '/^Options:$/,/^$/p' "$work/help" | sed '1d' | options_to_tp >"$work/OPTIONS"
  else
    echo "warning: '$exe --help' is not supported (exit $rc); $(basename "$out") lists only Qt's standard options" >&2
    : >"$work/DESCRIPTION"
    printf '.TP\n\\fB\\-platform\\fR \\fIPLATFORM\\fR\nQt platform plugin, e.g. \\fBxcb\\fR, \\fBwayland\\fR or \\fBoffscreen\\fR.\n' >"$work/OPTIONS"
    printf '.TP\n\\fB\\-style\\fR \\fISTYLE\\fR\nQt widget style, e.g. \\fBFusion\\fR.\n' >>"$work/OPTIONS"
  fi
  : >"$work/COMMAND_LIST"; : >"$work/COMMANDS"
  ;;
*) echo "usage: $0 cli|gui EXECUTABLE TEMPLATE OUT VERSION DATE" >&2; exit 2 ;;
esac

awk -v dir="$work" -v version="$version" -v date="$date" '
  /^@(NAME|SYNOPSIS|DESCRIPTION|OPTIONS|COMMAND_LIST|COMMANDS)@$/ {
    f = dir "/" substr($0, 2, length($0) - 2)
    while ((getline line < f) > 0) print line
    close(f); next
  }
  { gsub(/@VERSION@/, version); gsub(/@DATE@/, date); print }' "$template" >"$out.tmp"
mv "$out.tmp" "$out"
gzip -9n -c "$out" >"$out.gz.tmp"
mv "$out.gz.tmp" "$out.gz"
