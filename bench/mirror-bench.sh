#!/usr/bin/env bash
# Mirror benchmark (issue 5, with verification from issue 6): the real distribution, side by side with
# rsync -a --delete (and cp -a, rsync --fsync for the initial copy) on the same generated tree, in one run.
#
#   bench/mirror-bench.sh                    # 100 000 files, ~1 GB (1-16 KiB files plus 20 large ones)
#   FILES=10000 LARGE=5 bench/mirror-bench.sh  # a quicker run
#
# Scenarios: initial mirror into an empty target; no-change re-sync; re-sync after 1 % of the files
# change (plus 0.1 % added, deleted and renamed). filesync is timed two ways: the summary's `elapsed`
# (from the start of resolution to the end of verification, inside the container) and end to end
# through bin/client (which adds a JVM start of 1.5-2 s). CPU time is the Karaf JVM's user+sys for
# the run; rsync's is measured by /usr/bin/time. Ratios < 1 mean filesync is faster.
# Environment: FILES, LARGE (count of large files), LARGE_MB, ROUNDS (after-change rounds counted, default 3),
# WARMUP (after-change rounds run and printed first but not counted, default 0; see bench/lib.sh), BENCH_DIR (default /tmp/filesync-mirror-bench),
# KEEP=1 to keep the folder, ARCHIVE to use another distribution archive. Uses the distribution in karaf-assembly/target (built if missing).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-mirror-bench}
FILES=${FILES:-100000}
LARGE=${LARGE:-20}
LARGE_MB=${LARGE_MB:-8}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-0}
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

. "$ROOT/bench/lib.sh"
SRC=$WORK/src

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, rsync $(rsync --version | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)"
echo "# generating $FILES files of 1-16 KiB plus $LARGE files of $LARGE_MB MiB in $SRC"
generate_tree "$SRC"
NFILES=$(find "$SRC" -type f | wc -l)
BYTES=$(du -sb --apparent-size "$SRC" | cut -f1)
echo "# tree: $NFILES files, $((BYTES / 1024 / 1024)) MiB, $(find "$SRC" -type d | wc -l) directories"

start_karaf
mkdir -p "$WORK/dst" "$WORK/dst-rsync"
CONDUIT=$(client <<< "filesync:conduit-create --max-delete 100 $SRC $WORK/dst" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
[ -n "$CONDUIT" ] || { echo "conduit creation failed"; exit 1; }
start=$(now)
until client <<< 'filesync:location-list --no-format' | grep -F "$SRC" | grep -q settled; do :; done
echo "# first index scan of the source: $(seconds "$start" "$(now)") s (wall, polled through bin/client)"

run_tool() { # prints: wall_s cpu_s
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    awk '{printf "%.3f %.2f\n", $1, $2+$3}' "$WORK/time.txt"
}
report() { # name fs_elapsed fs_e2e fs_cpu rsync_wall rsync_cpu summary
    printf '%-22s filesync elapsed %8.3fs  end-to-end %8.3fs  cpu %7.2fs | rsync %8.3fs cpu %7.2fs | ratio elapsed/rsync %s, end-to-end/rsync %s\n' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$(ratio "$2" "$5")" "$(ratio "$3" "$5")"
    echo "    $7"
}

sync
read -r fe fw fc fsum < <(run_filesync)
read -r rw rc < <(run_tool rsync -a --delete "$SRC/" "$WORK/dst-rsync/")
report "initial mirror" "$fe" "$fw" "$fc" "$rw" "$rc" "$fsum"
rm -rf "$WORK/dst-cp" "$WORK/dst-fsync"
read -r cw cc < <(run_tool cp -a "$SRC" "$WORK/dst-cp")
read -r sw sc < <(run_tool rsync -a --fsync "$SRC/" "$WORK/dst-fsync/")
echo "    cp -a ${cw}s (filesync elapsed/cp ${fe:+$(ratio "$fe" "$cw")}), rsync -a --fsync ${sw}s (filesync elapsed/rsync --fsync $(ratio "$fe" "$sw"))"
# the two extra copies stay until the end: deleting 200 000 files here would slow down whichever
# tool creates files next (filesync runs first), for minutes on ext4 without a journal

read -r fe fw fc fsum < <(run_filesync)
read -r rw rc < <(run_tool rsync -a --delete "$SRC/" "$WORK/dst-rsync/")
report "no-change re-sync" "$fe" "$fw" "$fc" "$rw" "$rc" "$fsum"

# WARMUP + ROUNDS times: new changes, then both tools (one round says little on a noisy disk)
ratios=()
for ((round = 1; round <= WARMUP + ROUNDS; round++)); do
    change_tree "$SRC" $((5 + 2 * round))
    # write the edits out before timing: filesync's durable copies end with a syncfs, which would
    # otherwise also flush the edits just made, a cost neither tool caused
    sync
    read -r fe fw fc fsum < <(run_filesync)
    read -r rw rc < <(run_tool rsync -a --delete "$SRC/" "$WORK/dst-rsync/")
    report "after 1 % changes ($(round_label "$round"))" "$fe" "$fw" "$fc" "$rw" "$rc" "$fsum"
    ratios+=("$(ratio "$fe" "$rw")")
done
spreads "after 1 % changes, filesync elapsed / rsync" "${ratios[@]}"

if diff -r -q -x .filesync "$SRC" "$WORK/dst" >/dev/null; then echo "# check: target equals source"; else echo "# check: TARGET DIFFERS"; exit 1; fi
echo "# Karaf JVM peak RSS: $(awk '/VmHWM/{printf "%d MiB", $2/1024}' "/proc/$(cat "$KARAF/karaf.pid")/status")"
