#!/usr/bin/env bash
# Moves benchmark (issue 20): the real distribution, side by side with rsync -a --delete and
# rclone sync --track-renames on the same generated tree, in one run.
#
#   bench/moves-bench.sh                 # 100 000 files (1-16 KiB) in 12 top-level folders
#   FILES=20000 bench/moves-bench.sh     # a quicker run
#
# Scenarios, after an initial mirror of every target (filesync's own, rsync's, rclone's):
#   1. one top-level folder (about 9 % of the files) renamed;
#   2. the usual after-change set (bench/lib.sh change_tree: 1 % modified, 0.1 % deleted, renamed and added), ROUNDS times.
# Measured: wall time (filesync: the summary's `elapsed`, from resolution to the end of verification)
# and bytes written to storage: the Karaf JVM's write_bytes of /proc/PID/io over the run (the index
# and the store included), the tools' file-system outputs (/usr/bin/time %O, 512-byte blocks).
# Ratios < 1 mean filesync is faster or writes less. Environment: FILES, ROUNDS (default 3),
# BENCH_DIR (default /tmp/filesync-moves-bench), KEEP=1, ARCHIVE (default karaf-assembly/target).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-moves-bench}
FILES=${FILES:-100000}
LARGE=0
LARGE_MB=0
ROUNDS=${ROUNDS:-3}
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
command -v rclone >/dev/null || { apt-get update -qq && apt-get install -y -qq rclone >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

. "$ROOT/bench/lib.sh"
SRC=$WORK/src

echo "# $(date -u +%FT%TZ) $(nproc) cores, rsync $(rsync --version | head -1 | awk '{print $3}'), rclone $(rclone version 2>/dev/null | head -1 | awk '{print $2}'), $(java -version 2>&1 | head -1)"
generate_tree "$SRC"
echo "# tree: $(find "$SRC" -type f | wc -l) files in $(find "$SRC" -type d | wc -l) directories, $(($(du -sb --apparent-size "$SRC" | cut -f1) / 1024 / 1024)) MiB"

start_karaf
mkdir -p "$WORK/dst" "$WORK/dst-rsync" "$WORK/dst-rclone"
CONDUIT=$(client <<< "filesync:conduit-create --max-delete 100 $SRC $WORK/dst" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
[ -n "$CONDUIT" ] || { echo "conduit creation failed"; exit 1; }
until client <<< 'filesync:location-list --no-format' | grep -F "$SRC" | grep -q settled; do :; done

written() { awk '/^write_bytes/{print $2}' "/proc/$(cat "$KARAF/karaf.pid")/io"; }
run_tool() { # prints: wall_s bytes_written
    /usr/bin/time -f '%e %O' -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    awk '{printf "%.3f %d\n", $1, $2 * 512}' "$WORK/time.txt"
}
mib() { awk -v b="$1" 'BEGIN{printf "%.1f MiB", b/1048576}'; }
# both_tools LABEL: runs filesync, then rsync and rclone, and prints one line each and the ratios
both_tools() {
    local w0 fe fw fc fsum fb rw rb cw cb
    sync
    w0=$(written)
    read -r fe fw fc fsum < <(run_filesync)
    sync
    fb=$(($(written) - w0))
    read -r rw rb < <(run_tool rsync -a --delete "$SRC/" "$WORK/dst-rsync/")
    read -r cw cb < <(run_tool rclone sync --track-renames --links "$SRC" "$WORK/dst-rclone")
    printf '%-30s filesync %8.3fs %12s | rsync %8.3fs %12s | rclone --track-renames %8.3fs %12s | time ratio /rsync %s, /rclone %s; bytes ratio /rsync %s\n' \
        "$1" "$fe" "$(mib "$fb")" "$rw" "$(mib "$rb")" "$cw" "$(mib "$cb")" \
        "$(ratio "$fe" "$rw")" "$(ratio "$fe" "$cw")" "$(ratio "$fb" "$rb")"
    echo "    $fsum"
    LAST_RATIO=$(ratio "$fe" "$rw")
}

both_tools "initial mirror"
# the generated tree has 9 000 files per top-level folder: d000 holds about 9 % of 100 000
MOVED=$(find "$SRC/d000" -type f | wc -l)
mv "$SRC/d000" "$SRC/d000-renamed"
both_tools "folder of $MOVED files renamed"
ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    change_tree "$SRC" $((11 + 2 * round))
    both_tools "after-change round $round"
    ratios+=("$LAST_RATIO")
done
spread "after-change (renames included), filesync / rsync" "${ratios[@]}"

# filesync's target must equal the source; the anchors' differences are printed (rclone leaves the
# emptied folders of moved files behind, for one)
for dst in dst dst-rsync dst-rclone; do
    if diff -r -q -x .filesync "$SRC" "$WORK/$dst" > "$WORK/diff.txt"; then
        echo "# check: $dst equals the source"
    else
        echo "# check: $dst DIFFERS ($(wc -l < "$WORK/diff.txt") lines of diff -r -q), e.g. $(head -1 "$WORK/diff.txt")"
        [ "$dst" != dst ] || exit 1
    fi
done
