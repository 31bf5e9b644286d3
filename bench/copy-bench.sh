#!/usr/bin/env bash
# Initial-copy benchmark of the filesync copy job against cp -a, rsync -a and rsync -a --fsync,
# on the same generated tree, in the same run. Figures: wall time, CPU time (user+sys), files/s,
# MB/s, and ratios to rsync -a, rsync -a --fsync and cp -a.
#
#   bench/copy-bench.sh                      # 10 000 files (~200 MB) and 100 000 files (~1 GB)
#   SIZES="2000:40" bench/copy-bench.sh      # a quick run: FILES:TOTAL_MB pairs
#   SIZES="20000:200" bench/copy-bench.sh --dirs 1400   # small files spread over 1 400 directories
#
# Environment: SIZES, PARALLELS (default "1 2 4"), BENCH_DIR (default /tmp/filesync-bench),
# EXTRA=0 to skip the durability and copy-path variants, REPEAT=N to keep the best of N runs of each
# tool (default 1), MVN_ARGS (extra arguments of the build, e.g. "-o -Dmaven.repo.local=..."), BUILD=0
# to use the module's classes as they are built, BEFORE=<another checkout's transfer module, built>
# to run its copy job too, as "filesync before p=N". Needs root only to install rsync. Wall times on
# a shared or busy disk are noisy: compare ratios within one run.
set -euo pipefail

DIRS=0
while [ $# -gt 0 ]; do
    case $1 in
        --dirs) DIRS=$2; shift 2 ;;
        *) echo "unknown argument $1 (--dirs N)" >&2; exit 2 ;;
    esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-bench}
SIZES=${SIZES:-"10000:200 100000:1024"}
PARALLELS=${PARALLELS:-"1 2 4"}
EXTRA=${EXTRA:-1}
REPEAT=${REPEAT:-1}
MVN_ARGS=${MVN_ARGS:-}
BUILD=${BUILD:-1}
BEFORE=${BEFORE:-}
MODULE=$ROOT/bundles/org.filesync.transfer

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# shellcheck disable=SC2086 # MVN_ARGS are words
if [ "$BUILD" = 1 ]; then
    (cd "$ROOT" && mvn -B -q $MVN_ARGS -pl bundles/org.filesync.transfer -am install -DskipTests)
fi
(cd "$MODULE" && mvn -B -q $MVN_ARGS dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$MODULE/target/bench.classpath")
DEPS=$(cat "$MODULE/target/bench.classpath")
CP="$MODULE/target/test-classes:$MODULE/target/classes:$DEPS"
JAVA=(java -cp "$CP" org.filesync.transfer.internal.CopyBench)
JAVA_BEFORE=(java -cp "$BEFORE/target/test-classes:$BEFORE/target/classes:$DEPS" org.filesync.transfer.internal.CopyBench)

mkdir -p "$WORK"
rm -rf "$WORK"/dst-*
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uname -r), rsync $(rsync --version | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)"
echo "# warm page cache; each run copies into an empty target; 'sync' before each run"

for size in $SIZES; do
    files=${size%%:*}
    mb=${size##*:}
    SRC=$WORK/src-$files
    [ "$DIRS" = 0 ] || SRC=$WORK/src-$files-dirs$DIRS
    RUNS=0
    if [ ! -f "$SRC.done" ]; then
        rm -rf "$SRC"
        "${JAVA[@]}" generate "$SRC" "$files" "$mb" "$DIRS" >/dev/null
        touch "$SRC.done"
    fi
    nfiles=$(find "$SRC" -type f | wc -l)
    ndirs=$(find "$SRC" -mindepth 1 -type d | wc -l)
    bytes=$(du -sb --apparent-size "$SRC" | cut -f1)
    find "$SRC" -type f -exec cat {} + >/dev/null   # warm the cache
    echo
    echo "## $nfiles files in $ndirs directories, $((bytes / 1048576)) MB"
    declare -A WALL=() CPU=()
    order=()
    run() {
        local name=$1
        shift
        local i
        for ((i = 0; i < REPEAT; i++)); do
            # a new target each time: deleting the previous copy now would put its discard and
            # journal work inside the next measurement; all copies go at the end of the size
            DST=$WORK/dst-$((++RUNS))
            sync
            local args=("${@//@DST@/$DST}")
            /usr/bin/time -f "%e %U %S" -o "$WORK/time" "${args[@]}" >/dev/null
            read -r wall user sys <"$WORK/time"
            if [ -z "${WALL[$name]:-}" ] || [ "$(echo "$wall < ${WALL[$name]}" | bc)" = 1 ]; then
                WALL[$name]=$wall
                CPU[$name]=$(echo "$user + $sys" | bc)
            fi
        done
        order+=("$name")
        # the copy must be complete and equal
        local got
        got=$(find "$DST" -path "$DST/.filesync" -prune -o -type f -print | wc -l)
        [ "$got" -eq "$nfiles" ] || { echo "$name copied $got of $nfiles files" >&2; exit 1; }
    }
    run "cp -a" cp -a "$SRC/." @DST@
    run "rsync -a" rsync -a "$SRC/" @DST@/
    run "rsync -a --fsync" rsync -a --fsync "$SRC/" @DST@/
    for p in $PARALLELS; do
        if [ -n "$BEFORE" ]; then
            run "filesync before p=$p (syncfs batch)" "${JAVA_BEFORE[@]}" copy "$SRC" @DST@ "$p" syncfs transfer
        fi
        run "filesync p=$p (syncfs batch)" "${JAVA[@]}" copy "$SRC" @DST@ "$p" syncfs transfer
    done
    if [ "$EXTRA" = 1 ]; then
        run "filesync p=4 fsync per file" "${JAVA[@]}" copy "$SRC" @DST@ 4 fsync transfer
        run "filesync p=4 no flush (unsafe)" "${JAVA[@]}" copy "$SRC" @DST@ 4 none transfer
        run "filesync p=4 no flush, buffer copy" "${JAVA[@]}" copy "$SRC" @DST@ 4 none buffer
        run "filesync p=4 syncfs, buffer copy" "${JAVA[@]}" copy "$SRC" @DST@ 4 syncfs buffer
    fi
    printf '%-36s %8s %8s %9s %8s %9s %9s %9s\n' tool wall_s cpu_s files/s MB/s x_rsync x_rsyncfs x_cp
    for name in "${order[@]}"; do
        w=${WALL[$name]}
        printf '%-36s %8.2f %8.2f %9.0f %8.1f %9.2f %9.2f %9.2f\n' "$name" "$w" "${CPU[$name]}" \
            "$(echo "$nfiles / $w" | bc -l)" "$(echo "$bytes / 1048576 / $w" | bc -l)" \
            "$(echo "$w / ${WALL[rsync -a]}" | bc -l)" "$(echo "$w / ${WALL[rsync -a --fsync]}" | bc -l)" \
            "$(echo "$w / ${WALL[cp -a]}" | bc -l)"
    done
    rm -rf "$WORK"/dst-*
    unset WALL CPU
done
