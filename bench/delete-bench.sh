#!/usr/bin/env bash
# Delete benchmark (issue 24, lever 3): the delete job on a tree of FILES files in DIRS folders, every
# entry planned with its SHA-256 (the job re-checks each file's content, as in a real run), against
# rm -rf and rsync -a --delete of the same tree, in the same run. Each run deletes a fresh copy
# (cp -a, then sync) of one generated tree; the filesync runs time the job alone, in a fresh JVM
# (after the plan's facts are read and hashed), the tools their whole process.
#
#   bench/delete-bench.sh                         # 10 000 files in 500 folders, 3 rounds
#   OLD_REV=38db6f6 bench/delete-bench.sh         # also the delete job of that commit ("before")
#
# Variants: "before" (the job of OLD_REV, which removes one entry at a time, deepest first) when
# OLD_REV is set; the job with PARALLELS workers (default "1 4"); each with the STRATEGIES (default
# "permanent trash"); rm -rf; rsync -a --delete from an empty folder. Rounds interleave the variants.
# Environment: FILES, DIRS, ROUNDS, PARALLELS, STRATEGIES, OLD_REV, BENCH_DIR (default
# /tmp/filesync-delete-bench), MVN_ARGS (extra Maven arguments, e.g. -o -Dmaven.repo.local=...).
# Needs the transfer module built (mvn install -pl bundles/org.filesync.transfer).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/filesync-delete-bench}
FILES=${FILES:-10000}
DIRS=${DIRS:-500}
ROUNDS=${ROUNDS:-3}
PARALLELS=${PARALLELS:-"1 4"}
STRATEGIES=${STRATEGIES:-"permanent trash"}
MODULE=$ROOT/bundles/org.filesync.transfer
read -r -a MVN <<< "${MVN_ARGS:-}"

command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -d "$MODULE/target/test-classes" ] || { echo "build the transfer module first" >&2; exit 2; }
(cd "$MODULE" && mvn -B -q "${MVN[@]}" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$MODULE/target/bench.classpath")
DEPS=$(cat "$MODULE/target/bench.classpath")
CP="$MODULE/target/test-classes:$MODULE/target/classes:$DEPS"

rm -rf "$WORK" && mkdir -p "$WORK"
if [ -n "${OLD_REV:-}" ]; then
    # the delete job of OLD_REV: its main classes first on the class path, the same bench class
    mkdir -p "$WORK/old-src" "$WORK/old-classes"
    git -C "$ROOT" archive "$OLD_REV" bundles/org.filesync.transfer/src/main/java | tar x -C "$WORK/old-src"
    find "$WORK/old-src" -name '*.java' ! -name module-info.java > "$WORK/old-sources.txt"
    javac -nowarn -proc:none -d "$WORK/old-classes" -cp "$DEPS" @"$WORK/old-sources.txt" 2>/dev/null
    OLD_CP="$WORK/old-classes:$CP"
fi

java -cp "$CP" org.filesync.transfer.internal.DeleteBench generate "$WORK/tree" "$FILES" "$DIRS" 2>/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uname -r), rsync $(rsync --version | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# tree: $(find "$WORK/tree" -type f | wc -l) files, $(find "$WORK/tree" -mindepth 1 -type d | wc -l) folders, $(du -sm --apparent-size "$WORK/tree" | cut -f1) MiB; every run deletes all of it"

variants=()
[ -z "${OLD_REV:-}" ] || for s in $STRATEGIES; do variants+=("before:$s"); done
for p in $PARALLELS; do for s in $STRATEGIES; do variants+=("p$p:$s"); done; done
variants+=("rm-rf" "rsync-delete")

declare -A WALL=()
for ((round = 1; round <= ROUNDS; round++)); do
    for v in "${variants[@]}"; do
        ep=$WORK/ep-$round-${v//:/-}
        cp -a "$WORK/tree" "$ep"
        sync
        case $v in
            before:*) read -r wall cpu n err < <(java -cp "$OLD_CP" org.filesync.transfer.internal.DeleteBench delete "$ep" "${v#*:}" sequential 2>/dev/null) ;;
            p*:*) p=${v%%:*}; read -r wall cpu n err < <(java -cp "$CP" org.filesync.transfer.internal.DeleteBench delete "$ep" "${v#*:}" "${p#p}" 2>/dev/null) ;;
            rm-rf) /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" rm -rf "$ep"; read -r wall u s < "$WORK/time.txt"; cpu=$(awk -v a="$u" -v b="$s" 'BEGIN{printf "%.2f", a+b}'); n=-; err=- ;;
            rsync-delete) mkdir -p "$WORK/empty"; /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" rsync -a --delete "$WORK/empty/" "$ep/"; read -r wall u s < "$WORK/time.txt"; cpu=$(awk -v a="$u" -v b="$s" 'BEGIN{printf "%.2f", a+b}'); n=-; err=- ;;
        esac
        left=$( (find "$ep" -mindepth 1 -not -path "$ep/.filesync*" 2>/dev/null || true) | wc -l)
        printf 'round %d  %-16s wall %7.3fs  cpu %6.2fs  entries %s  errors %s  left %s\n' "$round" "$v" "$wall" "$cpu" "$n" "$err" "$left"
        WALL[$v]="${WALL[$v]:-} $wall"
        sync
    done
done
echo "# medians over $ROUNDS rounds (lowest-highest):"
for v in "${variants[@]}"; do
    # shellcheck disable=SC2086
    printf '%s\n' ${WALL[$v]} | sort -g | awk -v name="$v" '{r[NR] = $1}
        END {m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2;
             printf "  %-16s median %7.3fs (%.3f-%.3f)\n", name, m, r[1], r[NR]}'
done
rm -rf "$WORK"/ep-*
