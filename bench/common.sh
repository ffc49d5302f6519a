# SPDX-License-Identifier: Apache-2.0
# What the bench/*.sh scripts share, sourced after `set -euo pipefail`: ROOT (the repository),
# PY (Debian's python3, the one with pydicom, nibabel, scipy, cv2), JAR (the bench jar), and the
# steps below.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3
JAR="$ROOT/bench/target/scanbase-bench.jar"

# require_python MODULES PACKAGES: stop (exit 1) naming the Debian PACKAGES when `import MODULES` fails.
require_python() {
  "$PY" -c "import $1" 2>/dev/null || { echo "bench: needs Debian $2" >&2; exit 1; }
}

# build_bench: (re)builds $JAR and the modules it needs, Maven's output on stderr.
build_bench() {
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
}

# ct_series DIR N: N CT slices written by pydicom into DIR (CT00000.dcm ...), unless already there.
ct_series() {
  if [ ! -f "$1/CT$(printf %05d $(($2 - 1))).dcm" ]; then
    echo "bench: writing $2 CT slices with pydicom to $1" >&2
    "$PY" "$ROOT/bench/scripts/make_ct_series.py" "$1" "$2"
  fi
}

# demo_data MARKER ARGS...: `scanbase demo-data ARGS...` unless the folder MARKER exists already.
demo_data() {
  local marker="$1"
  shift
  if [ ! -d "$marker" ]; then
    "$ROOT/scanbase" demo-data "$@" >&2
  fi
}
