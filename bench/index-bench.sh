#!/usr/bin/env bash
# Index benchmark: first scan and no-change rescan of a generated tree by the filesync index,
# next to a `find` stat walk and `sha256sum` (one core) of the same files, plus the
# "changes since N" query for CHANGES modified files, then a first scan again in the running
# index (the tree unregistered and registered anew). Runs outside any container.
#
#   FILES=100000 SIZE_MB=1000 bench/index-bench.sh     # full size (default)
#   FILES=10000 SIZE_MB=100 bench/index-bench.sh       # quick run
#
# Absolute times depend on the machine and on whatever else runs on it; compare the ratios.
set -euo pipefail

FILES=${FILES:-100000}
SIZE_MB=${SIZE_MB:-1000}
CHANGES=${CHANGES:-1000}
WORK=${WORK:-${TMPDIR:-/tmp}/filesync-index-bench}
HASH_MB=${HASH_MB:-512}
HEAP=${HEAP:-1g}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/bundles/org.filesync.index
TREE=$WORK/tree-$FILES-$SIZE_MB
DB=$WORK/db

echo "== building the index module"
(cd "$ROOT" && mvn -B -q -pl bundles/org.filesync.index -am install -DskipTests)
(cd "$MODULE" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.cp" >/dev/null)
CP=$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$WORK.cp")
# Derby's log buffer as the distribution sets it (karaf-assembly: etc/system.properties)
JAVA=(java -Xmx"$HEAP" -Dderby.stream.error.file="$WORK/derby.log" -Dderby.storage.logBufferSize=1048576
    -cp "$CP" org.filesync.index.internal.IndexBench)

mkdir -p "$WORK"
if [ ! -d "$TREE" ]; then
  echo "== generating $FILES files, ~$SIZE_MB MB in $TREE"
  "${JAVA[@]}" generate "$TREE" "$FILES" "$SIZE_MB"
fi
rm -rf "$DB"

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== hash algorithms, in memory, one thread ($HASH_MB MB)"
"${JAVA[@]}" hashes "$HASH_MB"

# warm the page cache so that every contender reads from memory
find "$TREE" -type f -print0 | xargs -0 cat > /dev/null

# wall time and user+system CPU time of a command (bash's time keyword)
timed() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time "$@" > /dev/null; } 2>&1 )
  set -- $out
  WALL=$1
  CPU=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.3f", u + s }')
}

echo "== find stat walk"
timed find "$TREE" -printf '%s %T@ %m %i %y\n'
FIND_S=$WALL FIND_CPU=$CPU
echo "find_s=$FIND_S find_cpu_s=$FIND_CPU"

echo "== sha256sum, one core"
sha_all() { (cd "$TREE" && find . -type f -print0 | xargs -0 sha256sum); }
timed sha_all
SHA_S=$WALL SHA_CPU=$CPU
echo "sha256sum_s=$SHA_S sha256sum_cpu_s=$SHA_CPU"

# for reference, as sha256sum's own speed has been seen to vary 3x on the same machine (coreutils
# hashes in portable C; OpenSSL uses the CPU's SHA instructions, as the JDK does)
OSSL_S=
if command -v openssl >/dev/null; then
  echo "== openssl dgst -sha256, one core (reference)"
  ossl_all() { (cd "$TREE" && find . -type f -print0 | xargs -0 openssl dgst -sha256); }
  timed ossl_all
  OSSL_S=$WALL
  echo "openssl_sha256_s=$WALL openssl_sha256_cpu_s=$CPU"
fi

echo "== filesync index ($(nproc) hashing threads)"
OUT=$("${JAVA[@]}" index "$TREE" "$DB" "$CHANGES")
echo "$OUT"
DB_MB=$(du -sm "$DB" | cut -f1)
echo "db_mb=$DB_MB"

get() { echo "$OUT" | sed -n "s/^$1=\([0-9.]*\).*/\1/p"; }
FIRST=$(get first_scan_s)
RESCAN=$(get rescan_s)
FIRST_CPU=$(get first_scan_cpu_s)
RESCAN_CPU=$(get rescan_cpu_s)
QUERY=$(get changes_query_median_ms)

echo "== summary"
printf 'first scan  %8.2f s   sha256sum (1 core) %8.2f s   ratio %s  (target <= 1.5; fresh JVM)\n' \
  "$FIRST" "$SHA_S" "$(ratio "$FIRST" "$SHA_S")"
printf 'first scan in a running index (the tree registered again, JIT warm): %s s (ratio %s)\n' \
  "$(get first_scan_warm_s)" "$(ratio "$(get first_scan_warm_s)" "$SHA_S")"
printf 'rescan      %8.2f s   find stat walk     %8.2f s   ratio %s  (target <= 2; best of 3 warm rescans)\n' \
  "$RESCAN" "$FIND_S" "$(ratio "$RESCAN" "$FIND_S")"
printf 'rescan, cold JVM: %s s (ratio %s)\n' "$(get rescan_cold_s)" "$(ratio "$(get rescan_cold_s)" "$FIND_S")"
printf 'CPU time: first scan %s s vs sha256sum %s s (ratio %s); rescan %s s vs find %s s (ratio %s)\n' \
  "$FIRST_CPU" "$SHA_CPU" "$(ratio "$FIRST_CPU" "$SHA_CPU")" "$RESCAN_CPU" "$FIND_CPU" "$(ratio "$RESCAN_CPU" "$FIND_CPU")"
printf 'changes since N for %s changes: %s ms (median of 7; target < 50)\n' "$CHANGES" "$QUERY"
[ -z "$OSSL_S" ] || printf 'reference: openssl dgst -sha256 (1 core) %s s, first scan / openssl %s\n' \
  "$OSSL_S" "$(ratio "$FIRST" "$OSSL_S")"

# MOVES=20000 [MOVES_MB=1000]: a renamed directory of that many files (9 KiB a file, or MOVES_MB in
# all), one renamed file, and a new directory moved in from outside the location: the time until
# the index settled and the files it read
if [ "${MOVES:-0}" -gt 0 ]; then
  echo "== moves: a directory of $MOVES files renamed inside the location"
  rm -rf "$WORK/moves"
  "${JAVA[@]}" moves "$WORK/moves" "$MOVES" ${MOVES_MB:+"$MOVES_MB"}
fi
