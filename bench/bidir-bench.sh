#!/usr/bin/env bash
# Bidirectional benchmark (issue 7): the real distribution, side by side with `unison -batch` on identical
# copies of the same generated tree, in one run.
#
#   bench/bidir-bench.sh                      # 100 000 files (1-16 KiB) plus 10 large ones
#   FILES=10000 LARGE=2 bench/bidir-bench.sh  # a quicker run
#
# Both tools first agree on identical ends (filesync: its first bidirectional run records the baseline;
# unison: its first run builds its archives). Then the same seeded changes are made to both pairs: 1 % of
# the files modified on each side (different files), plus 0.1 % added, deleted and renamed on each side.
# Timed: filesync's summary `elapsed` (resolution to end of verification) and end to end through
# bin/client; `unison -batch -times` under /usr/bin/time. Ratios < 1 mean filesync is faster.
# Environment: FILES, LARGE, LARGE_MB, ROUNDS (after-change rounds counted, default 3), WARMUP (after-change rounds run
# and printed first but not counted, default 0; see bench/lib.sh), BENCH_DIR (default /tmp/filesync-bidir-bench), KEEP=1, ARCHIVE.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-bidir-bench}
FILES=${FILES:-100000}
LARGE=${LARGE:-10}
LARGE_MB=${LARGE_MB:-8}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-0}
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}

command -v unison >/dev/null || { apt-get update -qq && apt-get install -y -qq unison >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

. "$ROOT/bench/lib.sh"
SRC=$WORK/src


echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(unison -version), $(java -version 2>&1 | head -1)"
echo "# generating $FILES files of 1-16 KiB plus $LARGE files of $LARGE_MB MiB in $SRC"
generate_tree "$SRC"
DST=$WORK/dst
cp -a "$SRC" "$DST"
cp -a "$SRC" "$WORK/u-src"
cp -a "$SRC" "$WORK/u-dst"
export UNISON=$WORK/unison-home
mkdir -p "$UNISON"
NFILES=$(find "$SRC" -type f | wc -l)
echo "# tree: $NFILES files, $(( $(du -sb --apparent-size "$SRC" | cut -f1) / 1024 / 1024 )) MiB, identical copies on both ends of both pairs"

start_karaf
CONDUIT=$(client <<< "filesync:conduit-create --mode bidirectional --max-delete 100 $SRC $DST" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
[ -n "$CONDUIT" ] || { echo "conduit creation failed"; exit 1; }
start=$(now)
until client <<< 'filesync:location-list --no-format' | grep -F "$WORK" | grep -c settled | grep -q 2; do :; done
echo "# first index scan of both ends: $(seconds "$start" "$(now)") s (wall, polled through bin/client)"

run_unison() { # prints: wall_s cpu_s
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" unison "$WORK/u-src" "$WORK/u-dst" -batch -times -ui text -terse >"$WORK/unison.log" 2>&1 || true
    # /usr/bin/time adds "Command exited with non-zero status N" first when unison skipped conflicts
    tail -n 1 "$WORK/time.txt" | awk '{printf "%.3f %.2f\n", $1, $2+$3}'
}
report() { # name fs_elapsed fs_e2e fs_cpu unison_wall unison_cpu summary
    printf '%-26s filesync elapsed %8.3fs  end-to-end %8.3fs  cpu %7.2fs | unison %8.3fs cpu %7.2fs | ratio elapsed/unison %s, end-to-end/unison %s\n' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$(ratio "$2" "$5")" "$(ratio "$3" "$5")"
    echo "    $7"
}

sync
read -r fe fw fc fsum < <(run_filesync)
read -r uw uc < <(run_unison)
report "first run (agree)" "$fe" "$fw" "$fc" "$uw" "$uc" "$fsum"

read -r fe fw fc fsum < <(run_filesync)
read -r uw uc < <(run_unison)
report "no-change re-sync" "$fe" "$fw" "$fc" "$uw" "$uc" "$fsum"

change() { # root seed: 1 % modified, 0.1 % deleted, renamed and added; the same for both pairs
python3 - "$1" "$2" <<'EOF2'
import os, random, sys
root, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if "/large" not in d and ".unison" not in f and "/.filesync" not in d)
n = len(files)
picked = rnd.sample(files, n // 100 + 3 * (n // 1000))
modify, rest = picked[: n // 100], picked[n // 100:]
delete, rename, add = rest[: n // 1000], rest[n // 1000: 2 * (n // 1000)], rest[2 * (n // 1000):]
for p in modify:
    with open(p, "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
for p in delete:
    os.remove(p)
for p in rename:
    os.rename(p, p + ".renamed")
for p in add:
    with open(p + ".new", "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
print("# %s: %d modified, %d deleted, %d renamed, %d added" % (root, len(modify), len(delete), len(rename), len(add)))
EOF2
}
# WARMUP + ROUNDS times: new changes on both ends of both pairs, then both tools (one round says little
# on a noisy disk). Round 1: seed 7 on the source side, seed 8 on the target side (different files, a
# few overlaps become conflicts); each later round the next two seeds.
ratios=()
for ((round = 1; round <= WARMUP + ROUNDS; round++)); do
    s=$((5 + 2 * round))
    change "$SRC" "$s"; change "$DST" $((s + 1))
    change "$WORK/u-src" "$s" >/dev/null; change "$WORK/u-dst" $((s + 1)) >/dev/null
    # write the edits out before timing: filesync's durable copies end with a syncfs, which would
    # otherwise also flush the edits just made (to unison's trees too), a cost neither tool caused
    sync
    read -r fe fw fc fsum < <(run_filesync)
    read -r uw uc < <(run_unison)
    report "after 1 % per side ($(round_label "$round"))" "$fe" "$fw" "$fc" "$uw" "$uc" "$fsum"
    ratios+=("$(ratio "$fe" "$uw")")
done
spreads "after 1 % changes per side, filesync elapsed / unison" "${ratios[@]}"

if diff -r -q -x .filesync "$SRC" "$DST" >/dev/null; then echo "# check: filesync ends agree"; else echo "# check: FILESYNC ENDS DIFFER"; exit 1; fi
if diff -r -q "$WORK/u-src" "$WORK/u-dst" >/dev/null; then echo "# check: unison ends agree"; else echo "# check: unison ends differ (conflicts unison -batch skips)"; fi
if diff -r -q -x .filesync "$SRC" "$WORK/u-src" >/dev/null; then echo "# check: filesync and unison reached the same tree"; else echo "# check: the trees differ where the tools resolve conflicts differently"; fi
echo "# Karaf JVM peak RSS: $(awk '/VmHWM/{printf "%d MiB", $2/1024}' "/proc/$(cat "$KARAF/karaf.pid")/status")"
