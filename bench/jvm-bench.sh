#!/usr/bin/env bash
# JVM settings benchmark (issue 24, lever 6): the first-run cost and the memory of a fresh distribution.
# One run: a fresh distribution started with EXTRA_JAVA_OPTS, a new mirror conduit, the initial mirror
# of the tree, then one after-change run (1 % modified, 0.1 % added, deleted and renamed). Prints one
# line: the start (bin/start until the shell answers), the first index scan, both runs' elapsed and
# Karaf JVM CPU, the CPU of the JIT compiler threads at the end, the JVM's peak RSS (VmHWM), and
# whether karaf.log has an OutOfMemoryError.
#
#   bench/jvm-bench.sh                                         # 100 000 files, the distribution's settings
#   EXTRA_JAVA_OPTS=-Xmx512m bench/jvm-bench.sh                # with a candidate heap cap
#   FILES=20000 LARGE=4 EXTRA_JAVA_OPTS=-XX:TieredStopAtLevel=1 bench/jvm-bench.sh
#
# SERVER_OPTS: JVM options for the server alone (EXTRA_JAVA_OPTS reaches bin/client's JVM too).
# No class-data sharing: Karaf 4.4's bin/karaf patches java.base (--patch-module), and the JVM then
# refuses to dump or use any CDS archive, the JDK's own included
# (bench/results/2026-12-07-jvm-settings.txt). Environment: FILES, LARGE, LARGE_MB, SRC_DIR (the generated tree, kept and reused between
# runs: default /tmp/filesync-jvm-bench-src-$FILES), BENCH_DIR, ARCHIVE, LABEL (names the line), KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-jvm-bench}
FILES=${FILES:-100000}
LARGE=${LARGE:-20}
LARGE_MB=${LARGE_MB:-8}
SRC=${SRC_DIR:-/tmp/filesync-jvm-bench-src-$FILES}
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}
LABEL=${LABEL:-${SERVER_OPTS:-${EXTRA_JAVA_OPTS:-default}}}

[ -f "$ARCHIVE" ] || { echo "no distribution at $ARCHIVE: build karaf-assembly first" >&2; exit 2; }
. "$ROOT/bench/lib.sh"

if [ ! -f "$SRC/.complete" ]; then
    rm -rf "$SRC"
    generate_tree "$SRC"
    touch "$SRC/.complete"
fi
# the tree of the first run, every run: the after-change edits go to a copy
rm -rf "$WORK/src" && cp -a "$SRC" "$WORK/src" && rm "$WORK/src/.complete"
sync

# SERVER_OPTS: options for the server's JVM alone (EXTRA_JAVA_OPTS also reaches bin/client's)
printf '%s\n' 'if [ "${PROGNAME}" = "karaf" ]; then EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS} ${SERVER_OPTS}"; fi' >> "$KARAF/bin/setenv"
export SERVER_OPTS

t0=$(now)
start_karaf
started=$(seconds "$t0" "$(now)")
mkdir -p "$WORK/dst"
CONDUIT=$(client <<< "filesync:conduit-create --max-delete 100 $WORK/src $WORK/dst" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
[ -n "$CONDUIT" ] || { echo "conduit creation failed" >&2; exit 1; }
t0=$(now)
until client <<< 'filesync:location-list --no-format' | grep -F "$WORK/src" | grep -q settled; do :; done
scanned=$(seconds "$t0" "$(now)")

read -r ie _ ic isum < <(run_filesync)
grep -q 'status=verified' <<< "$isum" || { echo "initial mirror not verified: $isum" >&2; exit 1; }
change_tree "$WORK/src" 7 >/dev/null
sync
read -r ae _ ac asum < <(run_filesync)
grep -q 'status=verified' <<< "$asum" || { echo "after-change run not verified: $asum" >&2; exit 1; }

pid=$(cat "$KARAF/karaf.pid")
compiler=$(python3 - "$pid" <<'EOF'
import os, sys
pid = sys.argv[1]
hz = os.sysconf("SC_CLK_TCK")
total = 0
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        s = open(f"/proc/{pid}/task/{t}/stat").read()
    except OSError:
        continue
    if "CompilerThre" in s[s.index("(") + 1:s.rindex(")")]:
        f = s[s.rindex(")") + 2:].split()
        total += int(f[11]) + int(f[12])
print("%.2f" % (total / hz))
EOF
)
hwm=$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$pid/status")
oom=$(grep -c OutOfMemoryError "$KARAF/data/log/karaf.log" || true)
printf '%-34s files %6d start %6.2fs scan %7.2fs | initial %7.3fs cpu %7.2fs | after-change %6.3fs cpu %6.2fs | jit cpu %6.2fs | total cpu %7.2fs | peak RSS %5d MiB | OOM %s\n' \
    "$LABEL" "$FILES" "$started" "$scanned" "$ie" "$ic" "$ae" "$ac" "$compiler" "$(jvm_cpu)" "$hwm" "$oom"
