#!/usr/bin/env bash
# Ignore-rules benchmark (issue 19): the real distribution, one Karaf, two mirror conduits in the same run:
#   plain  - a generated tree of FILES files (bench/lib.sh generate_tree)
#   ruled  - the same tree plus an ignored node_modules/ of another FILES files (--ignore node_modules/)
# and rsync -a --delete --exclude node_modules/ on the ruled tree as the anchor. Prints the first index
# scan of each source, the initial mirror, a no-change re-sync and a re-sync after 1 % changes (the same
# changes on both trees, outside node_modules), the ruled/plain ratios (goal: <= 1.2x) and the inotify
# watches each source costs.
#
#   bench/ignore-bench.sh                 # 100 000 + 100 000 files
#   FILES=20000 bench/ignore-bench.sh     # a quicker run
#
# Environment: FILES, ROUNDS (after-change rounds, default 4; the even ones run the ruled conduit first), BENCH_DIR (default /tmp/filesync-ignore-bench),
# KEEP=1 to keep the folder, ARCHIVE to use another distribution archive.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-ignore-bench}
FILES=${FILES:-100000}
LARGE=0
LARGE_MB=1
ROUNDS=${ROUNDS:-4}
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

. "$ROOT/bench/lib.sh"
PLAIN=$WORK/plain
RULED=$WORK/ruled

echo "# $(date -u +%FT%TZ) $(nproc) cores, rsync $(rsync --version | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)"
generate_tree "$PLAIN"
cp -a "$PLAIN" "$RULED"
generate_tree "$RULED/node_modules"
echo "# plain: $(find "$PLAIN" -type f | wc -l) files; ruled: $(find "$RULED" -type f | wc -l) files, of which $(find "$RULED/node_modules" -type f | wc -l) in node_modules/"

watches() { # inotify watches the Karaf JVM holds
    local pid n=0
    pid=$(cat "$KARAF/karaf.pid")
    for f in /proc/"$pid"/fdinfo/*; do
        n=$((n + $(grep -c '^inotify' "$f" 2>/dev/null || true)))
    done
    echo "$n"
}
settle() { # path: waits until the index has settled it; prints the seconds taken
    local start
    start=$(now)
    until client <<< 'filesync:location-list --no-format' | grep -F "$1" | grep -q settled; do :; done
    seconds "$start" "$(now)"
}
create() { # source target [options]: prints the conduit id
    client <<< "filesync:conduit-create --max-delete 100 $3 $1 $2" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p'
}
run_tool() { # prints: wall_s
    /usr/bin/time -f '%e' -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    cat "$WORK/time.txt"
}
sync_both() { # label [ruled-first]: one run of each conduit and of rsync, with the ratios
    local pe re rw
    if [ -n "${2:-}" ]; then # the conduit that runs second finds its index already settled: alternate
        CONDUIT=$R; read -r re _ _ rsum < <(run_filesync)
        CONDUIT=$P; read -r pe _ _ _ < <(run_filesync)
    else
        CONDUIT=$P; read -r pe _ _ _ < <(run_filesync)
        CONDUIT=$R; read -r re _ _ rsum < <(run_filesync)
    fi
    rw=$(run_tool rsync -a --delete --exclude node_modules/ "$RULED/" "$WORK/dst-rsync/")
    printf '%-26s plain %8.3fs  ruled %8.3fs  ruled/plain %s | rsync --exclude %8.3fs  ruled/rsync %s\n' \
        "$1" "$pe" "$re" "$(ratio "$re" "$pe")" "$rw" "$(ratio "$re" "$rw")"
    echo "    ruled: $rsum"
}
change() { # root seed: 1 % of the files outside node_modules modified, 0.1 % deleted and added
python3 - "$1" "$2" <<'EOF'
import os, random, sys
root, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if "node_modules" not in d and ".filesync" not in d)
n = len(files)
picked = rnd.sample(files, n // 100 + 2 * (n // 1000))
modify, delete, add = picked[: n // 100], picked[n // 100: n // 100 + n // 1000], picked[n // 100 + n // 1000:]
for p in modify:
    with open(p, "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
for p in delete:
    os.remove(p)
for p in add:
    with open(p + ".new", "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 16384)))
EOF
}

start_karaf
mkdir -p "$WORK/dst-plain" "$WORK/dst-ruled" "$WORK/dst-rsync"
w0=$(watches)
P=$(create "$PLAIN" "$WORK/dst-plain" "")
echo "# first scan, plain source: $(settle "$PLAIN") s"
w1=$(watches)
R=$(create "$RULED" "$WORK/dst-ruled" "--ignore node_modules/")
echo "# first scan, ruled source: $(settle "$RULED") s"
w2=$(watches)
echo "# inotify watches: plain conduit $((w1 - w0)), ruled conduit $((w2 - w1)) ($(find "$RULED" -type d | wc -l) directories in the ruled source, $(find "$RULED/node_modules" -type d | wc -l) of them in node_modules)"

sync
sync_both "initial mirror"
sync_both "no-change re-sync"
for ((round = 1; round <= ROUNDS; round++)); do
    change "$PLAIN" $((5 + round)); change "$RULED" $((5 + round)); sync
    if ((round % 2 == 0)); then
        sync_both "after 1 % changes ($round, ruled first)" ruled-first
    else
        sync_both "after 1 % changes ($round)"
    fi
done
if diff -r -q -x .filesync -x node_modules "$RULED" "$WORK/dst-ruled" >/dev/null && [ ! -e "$WORK/dst-ruled/node_modules" ]; then
    echo "# check: the ruled target equals its source outside node_modules, which it lacks"
else
    echo "# check: RULED TARGET DIFFERS"; exit 1
fi
echo "# Karaf JVM peak RSS: $(awk '/VmHWM/{printf "%d MiB", $2/1024}' "/proc/$(cat "$KARAF/karaf.pid")/status")"
