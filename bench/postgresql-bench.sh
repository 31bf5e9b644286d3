#!/usr/bin/env bash
# PostgreSQL beside Derby (issue 21): the index's first scan of the source, then the mirror's initial
# run, no-change re-sync and after-change re-syncs, with filesync's state in the embedded Derby and
# in a PostgreSQL server (scripts/postgres.sh: a throw-away cluster on loopback, the README's
# configuration with the HikariCP pool), in one run, with rsync -a --delete beside every mirror step.
#
#   bench/postgresql-bench.sh                          # 100 000 files of 1-16 KiB plus 20 of 8 MiB
#   FILES=5000 LARGE=2 bench/postgresql-bench.sh       # a quick run
#
# Design (fairness): the two databases run one after the other, never at the same time, so that
# neither competes with the other for the 2 cores, the disk or the page cache: a fresh distribution
# on Derby does every step and is stopped, then a fresh distribution on PostgreSQL does the same.
# Each has its own copy of the source tree, both generated (seeded, identical) and written out
# before anything is timed, and both see the same seeded change sets (lib.sh's change_tree, as in
# mirror-bench.sh), so that each step starts from the same tree state; the script checks at the end
# that the two sources are still equal. Each database's steps are timed next to their own rsync,
# run right after them on the same tree: the rsync ratio shows how much the machine's load moved
# between the two halves (another engineer's builds), the PostgreSQL/Derby ratio compares the two.
# Nothing is deleted between the halves (deleting 200 000 files slows down whoever writes next).
# ORDER="postgresql derby" runs the halves the other way round, to see what the order itself does.
#
# Figures: filesync's `elapsed` (resolution to the end of verification, inside the container) and
# end to end through bin/client (plus 1-2 s of client JVM start); the first scan is the wall time
# from the end of conduit-create until location-list shows the source settled (polled through bin/client, so
# +-1-2 s), next to `sha256sum` of the same files on one core. CPU: the Karaf JVM's user+sys and,
# for PostgreSQL, the server's (postmaster and backends, ended ones included), which Derby does
# inside the JVM. Ratios < 1 mean the first is faster. Each distribution's karaf.log WARN/ERROR lines
# are summed up at its end.
# Environment: FILES, LARGE (count of large files), LARGE_MB, ROUNDS (after-change rounds, default 3),
# ORDER (default "derby postgresql"), BENCH_DIR (default /tmp/filesync-postgresql-bench), KEEP=1 to keep it (the distributions, their logs
# and a copy of the PostgreSQL server log; the server itself is always destroyed), ARCHIVE.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BENCH_DIR:-/tmp/filesync-postgresql-bench}
FILES=${FILES:-100000}
LARGE=${LARGE:-20}
LARGE_MB=${LARGE_MB:-8}
ROUNDS=${ROUNDS:-3}
ORDER=${ORDER:-derby postgresql}
[ "$(printf '%s\n' $ORDER | sort | xargs)" = "derby postgresql" ] || { echo "ORDER must name derby and postgresql, not: $ORDER" >&2; exit 2; }
ARCHIVE=${ARCHIVE:-$ROOT/karaf-assembly/target/filesync-karaf-0.1.0-SNAPSHOT.tar.gz}
PG=$BASE/pg-server # not $BASE/postgresql: that is the PostgreSQL half's WORK
USER_KEEP=${KEEP:-0}

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -f "$ARCHIVE" ] || (cd "$ROOT" && mvn -B -q install -DskipTests)

finish() {
    if [ -d "$PG" ]; then
        [ "$USER_KEEP" != 1 ] || cp "$PG/server.log" "$BASE/postgresql-server.log" 2>/dev/null || true
        "$ROOT/scripts/postgres.sh" destroy "$PG" || true
    fi
    [ "$USER_KEEP" = 1 ] || rm -rf "$BASE"
}
trap finish EXIT
rm -rf "$BASE" && mkdir -p "$BASE"

load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg) ($(uptime | sed 's/^ *//'))"; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, rsync $(rsync --version | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)"
echo "# start: $(load)"

run_tool() { # prints: wall_s cpu_s
    /usr/bin/time -f '%e %U %S' -o "$BASE/time.txt" "$@" >/dev/null 2>&1
    awk '{printf "%.3f %.2f\n", $1, $2+$3}' "$BASE/time.txt"
}

# pg_cpu: user+sys seconds of the PostgreSQL server so far (postmaster, its live children, and the
# children that ended, which the kernel adds to the postmaster's cutime/cstime); "-" on Derby
pg_cpu() {
    [ "$DATABASE" = postgresql ] || { echo -; return; }
    python3 - "$(head -1 "$PG/data/postmaster.pid")" <<'EOF'
import os, sys
pm, hz, total = sys.argv[1], os.sysconf("SC_CLK_TCK"), 0
for p in os.listdir("/proc"):
    if not p.isdigit():
        continue
    try:
        f = open(f"/proc/{p}/stat").read()
    except OSError:
        continue
    f = f[f.rindex(")") + 2:].split()
    if p == pm:
        total += sum(int(x) for x in f[11:15])
    elif f[1] == pm:
        total += int(f[11]) + int(f[12])
print("%.2f" % (total / hz))
EOF
}
# pg_work: the database's transactions and rows written so far (pg_stat_database; a backend reports
# them once idle for up to 10 s, so the steps wait 11 s before reading it, in both halves); "- -" on Derby
pg_work() {
    [ "$DATABASE" = postgresql ] || { echo "- -"; return; }
    "$ROOT/scripts/postgres.sh" psql "$PG" -tA -F' ' -c \
        "select xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = 'filesync'"
}
# work_since "COMMITS ROWS": what was done since that pg_work, as text
work_since() {
    [ "$DATABASE" = postgresql ] || return 0
    local c0 r0 c1 r1
    read -r c0 r0 <<< "$1"
    read -r c1 r1 < <(pg_work)
    echo "    postgresql: $((c1 - c0 - 1)) transactions committed (queries included), $((r1 - r0)) rows inserted, updated or deleted"
}
diff_cpu() { [ "$1" = - ] && echo - || awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }

# wait_for SECONDS WHAT COMMAND...: runs COMMAND until it succeeds, failing after SECONDS
wait_for() {
    local limit=$1 what=$2 t0
    shift 2
    t0=$(date +%s)
    until "$@"; do
        [ $(($(date +%s) - t0)) -lt "$limit" ] || { echo "timed out after $limit s waiting for $what" >&2; exit 1; }
    done
}

# bench_database derby|postgresql: one fresh distribution on that database, every step; its figures
# go to $BASE/figures-DATABASE.txt, one line a step: name elapsed end_to_end jvm_cpu pg_cpu rsync_s rsync_cpu
# (a subshell: lib.sh is written for one distribution, and its exit trap stops this one)
bench_database() (
    DATABASE=$1
    WORK=$BASE/$DATABASE
    KEEP=1 # lib.sh's cleanup only stops Karaf: the folders go at the very end (see the header)
    . "$ROOT/bench/lib.sh"
    SRC=$BASE/src-$DATABASE
    DST=$WORK/dst
    FIG=$BASE/figures-$DATABASE.txt
    : > "$FIG"
    echo
    echo "## $DATABASE: $(load)"

    # the README's switch for PostgreSQL (lib.sh: the configuration before the first start, then the feature)
    start_karaf

    mkdir -p "$DST" "$WORK/dst-rsync"
    local cpu0 pg0 start
    local work0
    cpu0=$(jvm_cpu); pg0=$(pg_cpu); work0=$(pg_work)
    CONDUIT=$(client <<< "filesync:conduit-create --max-delete 100 $SRC $DST" | sed -n 's/^Conduit \([0-9]*\) created$/\1/p')
    [ -n "$CONDUIT" ] || { echo "conduit creation failed" >&2; exit 1; }
    start=$(now) # as in mirror-bench.sh: from the end of conduit-create
    settled() {
        local line
        line=$(client <<< 'filesync:location-list --no-format' | grep -F "$SRC" || true)
        case "$line" in *error:*) echo "index error: $line" >&2; exit 1 ;; esac
        grep -q settled <<< "$line"
    }
    wait_for 1800 "the first scan" settled
    local scan scan_cpu scan_pg hw hc
    scan=$(seconds "$start" "$(now)"); scan_cpu=$(diff_cpu "$cpu0" "$(jvm_cpu)"); scan_pg=$(diff_cpu "$pg0" "$(pg_cpu)")
    read -r hw hc < <(run_tool sh -c "find '$SRC' -type f -print0 | xargs -0 sha256sum")
    printf '%-26s wall %8.3fs  jvm cpu %7.2fs  postgresql cpu %7s | sha256sum %8.3fs cpu %7.2fs | ratio %s\n' \
        "first index scan" "$scan" "$scan_cpu" "$scan_pg" "$hw" "$hc" "$(ratio "$scan" "$hw")"
    echo "    $(client <<< 'filesync:location-list --no-format' | grep -F "$SRC")"
    sleep 11; work_since "$work0"
    echo "first-scan $scan $scan $scan_cpu $scan_pg $hw $hc" >> "$FIG"

    step() { # NAME KEY: one filesync run, then rsync, reported and recorded
        local fe fw fc fsum pg1 pgc rw rc work1
        work1=$(pg_work); pg1=$(pg_cpu)
        read -r fe fw fc fsum < <(run_filesync)
        pgc=$(diff_cpu "$pg1" "$(pg_cpu)")
        read -r rw rc < <(run_tool rsync -a --delete "$SRC/" "$WORK/dst-rsync/")
        printf '%-26s elapsed %8.3fs  end-to-end %8.3fs  jvm cpu %7.2fs  postgresql cpu %7s | rsync %8.3fs cpu %7.2fs | ratio elapsed/rsync %s\n' \
            "$1" "$fe" "$fw" "$fc" "$pgc" "$rw" "$rc" "$(ratio "$fe" "$rw")"
        echo "    $fsum"
        sleep 11; work_since "$work1"
        echo "$2 $fe $fw $fc $pgc $rw $rc" >> "$FIG"
    }
    sync
    step "initial mirror" initial
    step "no-change re-sync" no-change
    local round
    for ((round = 1; round <= ROUNDS; round++)); do
        change_tree "$SRC" $((5 + 2 * round))
        # the edits written out before timing, as in mirror-bench.sh
        sync
        step "after 1 % changes ($round)" "after-change-$round"
    done

    if diff -r -q -x .filesync "$SRC" "$DST" >/dev/null; then echo "# check: target equals source"; else echo "# check: TARGET DIFFERS"; exit 1; fi
    echo "# Karaf JVM peak RSS: $(awk '/VmHWM/{printf "%d MiB", $2/1024}' "/proc/$(cat "$KARAF/karaf.pid")/status")"
    if [ "$DATABASE" = postgresql ]; then
        # proof that the state is in PostgreSQL, not in a Derby database beside it
        echo "# PostgreSQL: $("$ROOT/scripts/postgres.sh" psql "$PG" -tAc "select count(*) || ' index entries, database ' || pg_size_pretty(pg_database_size('filesync')) from fsindex_entry") ; derby folder in data/: $([ -d "$KARAF/data/derby" ] && echo yes || echo none)"
        echo "# PostgreSQL server log: $(grep -cE '(ERROR|WARNING|FATAL|PANIC): ' "$PG/server.log" || true) ERROR/WARNING/FATAL lines"
        grep -E '(ERROR|WARNING|FATAL|PANIC): ' "$PG/server.log" | sed -E 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] //; s/[0-9]+/N/g' | cut -c1-200 | sort | uniq -c | sort -rn | head -5 | sed 's/^/#   /' || true
    fi
    local log=$KARAF/data/log/karaf.log
    echo "# karaf.log: $(grep -c ' WARN \| ERROR ' "$log" || true) WARN/ERROR lines$(grep -q ' WARN \| ERROR ' "$log" && echo ', by message:' || true)"
    grep ' WARN \| ERROR ' "$log" | cut -d'|' -f2,4- | sed -E 's/[0-9]+/N/g' | cut -c1-200 | sort | uniq -c | sort -rn | head -10 | sed 's/^/#   /' || true
    echo "## $DATABASE done: $(load)"
)

echo "# generating $FILES files of 1-16 KiB plus $LARGE files of $LARGE_MB MiB, twice (seeded, identical)"
# (lib.sh's generate_tree; sourcing lib.sh also unpacks a distribution, which its exit trap removes)
(WORK=$BASE/gen KEEP=0; . "$ROOT/bench/lib.sh"; generate_tree "$BASE/src-derby"; generate_tree "$BASE/src-postgresql")
sync
NFILES=$(find "$BASE/src-derby" -type f | wc -l)
BYTES=$(du -sb --apparent-size "$BASE/src-derby" | cut -f1)
echo "# tree: $NFILES files, $((BYTES / 1024 / 1024)) MiB, $(find "$BASE/src-derby" -type d | wc -l) directories"

echo "# PostgreSQL $("$ROOT/scripts/postgres.sh" start "$PG" >/dev/null && "$ROOT/scripts/postgres.sh" psql "$PG" -tAc 'show server_version') on port $(cat "$PG/port"), shared_buffers $("$ROOT/scripts/postgres.sh" psql "$PG" -tAc 'show shared_buffers'), synchronous_commit $("$ROOT/scripts/postgres.sh" psql "$PG" -tAc 'show synchronous_commit')"

for database in $ORDER; do bench_database "$database"; done

if diff -r -q -x .filesync "$BASE/src-derby" "$BASE/src-postgresql" >/dev/null; then
    echo "# check: both databases synced the same tree"
else
    echo "# check: THE TWO SOURCE TREES DIFFER"; exit 1
fi
echo "# end: $(load)"

python3 - "$BASE/figures-derby.txt" "$BASE/figures-postgresql.txt" <<'EOF'
import statistics, sys

def figures(path):
    rows = {}
    for line in open(path):
        key, *values = line.split()
        rows[key] = [None if v == "-" else float(v) for v in values]
    return rows

derby, pg = figures(sys.argv[1]), figures(sys.argv[2])
after = sorted(k for k in derby if k.startswith("after-change-"))
for db in (derby, pg):
    db["after-change-median"] = [statistics.median(db[k][i] for k in after) if db[after[0]][i] is not None else None
                                 for i in range(6)]
def q(a, b):
    return "%.2f" % (a / b) if a is not None and b else "-"
print()
print("filesync elapsed (first scan: wall until settled; anchor: sha256sum for the scan, rsync -a --delete for the rest,")
print("each run right after the step in the same half); cpu: Karaf JVM + PostgreSQL server")
print()
print("(PostgreSQL/Derby by anchor: (PostgreSQL/its anchor) / (Derby/its anchor), which discounts a load that changed between the halves)")
print()
print("| step | Derby | PostgreSQL | PostgreSQL/Derby | anchor (Derby half / PostgreSQL half) | Derby/anchor | PostgreSQL/anchor | PostgreSQL/Derby by anchor | cpu Derby | cpu PostgreSQL (JVM + server) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for key in ["first-scan", "initial", "no-change"] + after + ["after-change-median"]:
    d, p = derby[key], pg[key]
    print("| %s | %.3f s | %.3f s | %s | %.3f / %.3f s | %s | %s | %s | %.2f s | %.2f + %.2f s |" % (
        key, d[0], p[0], q(p[0], d[0]), d[4], p[4], q(d[0], d[4]), q(p[0], p[4]),
        q(p[0] / p[4], d[0] / d[4]), d[2], p[2], p[3] or 0))
EOF
