#!/usr/bin/env bash
# PostgreSQL beside Derby (issue 21): bench/mirror-bench.sh run twice in one invocation, first with
# the embedded Derby, then with a throw-away PostgreSQL server on loopback (DATABASE=postgresql:
# scripts/postgres.sh, the README's configuration with the HikariCP pool). Both runs generate the
# same seeded tree and apply the same seeded change sets, each in a fresh distribution, each with
# rsync -a --delete measured beside it; the two run one after the other, so that neither competes
# with the other for the CPU.
#
#   bench/postgresql-bench.sh                        # 100 000 files plus 20 large ones
#   FILES=10000 LARGE=5 bench/postgresql-bench.sh    # a quicker run
#
# Prints each run's own report, then one table: the index's first scan, the initial mirror, the
# no-change re-sync and the median of the after-change re-syncs, filesync's elapsed time on each
# database, PostgreSQL/Derby, and each beside rsync. Environment as for mirror-bench.sh (FILES,
# LARGE, LARGE_MB, ROUNDS, WARMUP, ARCHIVE); BENCH_DIR (default /tmp/filesync-postgresql-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_DIR:-/tmp/filesync-postgresql-bench}
mkdir -p "$OUT"
echo "# $(date -u +%FT%TZ) load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for database in derby postgresql; do
    echo "## $database"
    DATABASE=$database BENCH_DIR="$OUT/$database" "$ROOT/bench/mirror-bench.sh" | tee "$OUT/$database.txt"
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$OUT/derby.txt" "$OUT/postgresql.txt" <<'PY'
import re, statistics, sys

def figures(path):
    text = open(path).read()
    f = {"first scan": (float(re.search(r"first index scan of the source: ([0-9.]+) s", text).group(1)), None)}
    line = r"filesync elapsed +([0-9.]+)s .*?\| rsync +([0-9.]+)s"
    for name, pattern in [("initial mirror", "initial mirror"), ("no-change re-sync", "no-change re-sync")]:
        m = re.search(pattern + r" +" + line, text)
        f[name] = (float(m.group(1)), float(m.group(2)))
    rounds = [(float(a), float(b)) for a, b in re.findall(r"after 1 % changes \(\d+\) +" + line, text)]
    f["after 1 % changes (median)"] = (statistics.median(a for a, _ in rounds), statistics.median(b for _, b in rounds))
    return f

derby, pg = figures(sys.argv[1]), figures(sys.argv[2])
print()
print("| step | Derby | PostgreSQL | PostgreSQL/Derby | rsync (Derby run / PostgreSQL run) | Derby/rsync | PostgreSQL/rsync |")
print("|---|---|---|---|---|---|---|")
for step in derby:
    (d, dr), (p, pr) = derby[step], pg[step]
    rs = "-" if dr is None else "%.3f / %.3f s" % (dr, pr)
    dq = "-" if dr is None else "%.2f" % (d / dr)
    pq = "-" if pr is None else "%.2f" % (p / pr)
    print("| %s | %.3f s | %.3f s | %.2f | %s | %s | %s |" % (step, d, p, p / d, rs, dq, pq))
PY
