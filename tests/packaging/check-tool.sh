# check-tool.sh TOOL ARGS...: runs a validator; skipped (77) when TOOL is not installed.
# Any output other than a success line (warnings included) is shown; only a non-zero exit fails.
tool=$1
command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
"$@"
