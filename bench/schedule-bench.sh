#!/usr/bin/env bash
# Schedule benchmark (issue 18): the real distribution and lsyncd (Debian's package: rsync driven by
# inotify) side by side in the same run.
#   (a) latency: an instant mirror conduit with its delay at the minimum (1 s) and lsyncd with
#       delay = 1 each keep a copy of the same generated tree of FILES files; WRITES times a new
#       small file is written into each source, one after the other, and the time until it is in
#       the target is taken: for filesync until the generation that copied it is verified (and,
#       apart, until the file is there), for lsyncd until the file is in its target. Median and
#       worst of each, and their ratio.
#   (b) idle cost: IDLE_CONDUITS instant conduits on small idle trees; the CPU the Karaf JVM uses
#       over IDLE_SECONDS (goal: under 1 % of one core).
#
#   bench/schedule-bench.sh                         # 10 000 and then 100 000 files, then the idle cost
#   SIZES=10000 IDLE_SECONDS=60 bench/schedule-bench.sh    # a quicker run
#
# Environment: SIZES (default "10000 100000"), WRITES (default 50), IDLE_CONDUITS (default 20),
# IDLE_SECONDS (default 300), BENCH_DIR (default /tmp/filesync-schedule-bench), KEEP=1, ARCHIVE.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-schedule-bench}
SIZES=${SIZES:-10000 100000}
WRITES=${WRITES:-50}
IDLE_CONDUITS=${IDLE_CONDUITS:-20}
IDLE_SECONDS=${IDLE_SECONDS:-300}
LARGE=0
LARGE_MB=1
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rsync rsync
need lsyncd lsyncd
need curl curl
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

. "$ROOT/bench/lib.sh"
LSYNCD_PID=
stop_lsyncd() { [ -z "$LSYNCD_PID" ] || { kill "$LSYNCD_PID" 2>/dev/null || true; wait "$LSYNCD_PID" 2>/dev/null || true; LSYNCD_PID=; }; }
trap 'stop_lsyncd; cleanup' EXIT

API="http://127.0.0.1:$HTTP_PORT/filesync/api"
api() { curl -s -u karaf:karaf "$API/$1"; }
verified_after() { # id generation: true once that conduit's newest generation is past the given one and verified
    api "conduits/$1/generations?limit=1" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["items"]
sys.exit(0 if rows and rows[0]["number"] > int(sys.argv[1]) and rows[0]["verification"] == "verified" else 1)' "$2"
}
newest() { # id: the newest generation number (0 when none)
    api "conduits/$1/generations?limit=1" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["items"]
print(rows[0]["number"] if rows else 0)'
}
settle() { until client <<< 'filesync:location-list --no-format' | grep -F "$1" | grep -q settled; do :; done; }
stats() { # seconds...: "median worst"
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.3f %.3f", m, v[NR]}'
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, rsync $(rsync --version | head -1 | awk '{print $3}'), $(lsyncd --version 2>&1 | head -1), $(java -version 2>&1 | head -1)"
start_karaf
until curl -s -o /dev/null "$API/health"; do sleep 0.2; done

for FILES in $SIZES; do
    SRC=$WORK/src-$FILES; DST=$WORK/dst-$FILES; LSRC=$WORK/lsrc-$FILES; LDST=$WORK/ldst-$FILES
    generate_tree "$SRC"
    cp -a "$SRC" "$LSRC"
    mkdir -p "$DST" "$LDST"
    id=$(client <<< "filesync:conduit-create --schedule instant --delay 1s $SRC $DST" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
    settle "$SRC"
    until verified_after "$id" 0; do sleep 0.2; done # its first run, by itself
    rsync -a "$LSRC/" "$LDST/"
    cat > "$WORK/lsyncd-$FILES.lua" <<EOF
settings { nodaemon = true, logfile = "$WORK/lsyncd-$FILES.log", statusFile = "$WORK/lsyncd-$FILES.status", inotifyMode = "CloseWrite or Modify" }
sync { default.rsync, source = "$LSRC", target = "$LDST", delay = 1, rsync = { archive = true } }
EOF
    lsyncd "$WORK/lsyncd-$FILES.lua" >/dev/null 2>&1 &
    LSYNCD_PID=$!
    until grep -q 'Startup of' "$WORK/lsyncd-$FILES.log" 2>/dev/null && grep -q 'finished' "$WORK/lsyncd-$FILES.log" 2>/dev/null; do sleep 0.2; done

    arrived=() verified=() lsyncd=()
    for ((i = 1; i <= WRITES; i++)); do
        before=$(newest "$id")
        name="d000/e000/latency-$i.txt"
        t0=$(now)
        printf 'write %d\n' "$i" > "$SRC/$name.tmp" && mv "$SRC/$name.tmp" "$SRC/$name"
        until [ -f "$DST/$name" ]; do sleep 0.01; done
        t1=$(now)
        until verified_after "$id" "$before"; do sleep 0.05; done
        t2=$(now)
        arrived+=("$(seconds "$t0" "$t1")") verified+=("$(seconds "$t0" "$t2")")
        t0=$(now)
        printf 'write %d\n' "$i" > "$LSRC/$name.tmp" && mv "$LSRC/$name.tmp" "$LSRC/$name"
        until [ -f "$LDST/$name" ]; do sleep 0.01; done
        lsyncd+=("$(seconds "$t0" "$(now)")")
    done
    stop_lsyncd
    read -r vm vw <<< "$(stats "${verified[@]}")"
    read -r am aw <<< "$(stats "${arrived[@]}")"
    read -r lm lw <<< "$(stats "${lsyncd[@]}")"
    printf 'latency at %6d files, %d writes: filesync verified median %6.3fs worst %6.3fs | in the target median %6.3fs worst %6.3fs | lsyncd median %6.3fs worst %6.3fs | verified/lsyncd median %s worst %s\n' \
        "$FILES" "$WRITES" "$vm" "$vw" "$am" "$aw" "$lm" "$lw" "$(ratio "$vm" "$lm")" "$(ratio "$vw" "$lw")"
    echo "    conduit $id: $(( $(newest "$id") - 1 )) generations for $WRITES writes"
    client <<< "filesync:conduit-delete $id" >/dev/null
    rm -rf "$SRC" "$DST" "$LSRC" "$LDST"
done

# (b) idle cost
FILES=200
idle=()
for ((c = 1; c <= IDLE_CONDUITS; c++)); do
    generate_tree "$WORK/idle-src-$c"
    mkdir -p "$WORK/idle-dst-$c"
    idle+=("$(client <<< "filesync:conduit-create --schedule instant --delay 1s $WORK/idle-src-$c $WORK/idle-dst-$c" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')")
done
for id in "${idle[@]}"; do
    until verified_after "$id" 0; do sleep 0.5; done # its first run, by itself
done
c0=$(jvm_cpu)
threads_cpu "$WORK/idle-threads-before.txt"
sleep "$IDLE_SECONDS"
c1=$(jvm_cpu)
threads_cpu "$WORK/idle-threads-after.txt" "$WORK/idle-threads-before.txt" 2> "$WORK/idle-threads.txt" || true
cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN{printf "%.2f", b-a}')
printf 'idle: %d instant conduits, %ds: Karaf JVM used %ss of CPU = %s %% of one core (goal: under 1 %%)\n' \
    "$IDLE_CONDUITS" "$IDLE_SECONDS" "$cpu" "$(awk -v c="$cpu" -v s="$IDLE_SECONDS" 'BEGIN{printf "%.2f", 100*c/s}')"
head -5 "$WORK/idle-threads.txt" | sed 's/^/    /'
