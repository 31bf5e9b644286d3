#!/usr/bin/env bash
# Resolution alone (issue 5): the resolver and the mirror mode over synthetic index
# rows, 100 000 and 1 000 000 entries per side (about 4 % differing), full merge and incremental,
# with a 256 MB heap. Targets: 1 000 000 entries per side in <= 5 s and <= 256 MB.
#
#   bench/resolve-bench.sh            # builds the mirror mode (and what it needs), then runs
#   SIZES="1000000" RUNS=5 bench/resolve-bench.sh
#   MVN_OPTS_EXTRA=-o bench/resolve-bench.sh   # offline
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
HEAP=${HEAP:-256m}
# a second run of the largest size with a much smaller heap shows memory does not grow with the tree
SMALL_HEAP=${SMALL_HEAP:-64m}
MODULE=bundles/org.filesync.mode.mirror

mvn -B -q ${MVN_OPTS_EXTRA:-} -pl "$MODULE" -am install -DskipTests
mvn -B -q ${MVN_OPTS_EXTRA:-} -pl "$MODULE" test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"

run() { # heap entries runs
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "process: %e s wall, %U s user, %S s sys, max RSS %M KB" \
            java -Xmx"$1" -Xms"$1" -cp "$CP" org.filesync.mode.mirror.internal.ResolveBench "$2" "$3"
    else
        java -Xmx"$1" -Xms"$1" -cp "$CP" org.filesync.mode.mirror.internal.ResolveBench "$2" "$3"
    fi
}

largest=0
for n in $SIZES; do
    run "$HEAP" "$n" "$RUNS"
    [ "$n" -gt "$largest" ] && largest=$n
done
if [ -n "$SMALL_HEAP" ]; then
    run "$SMALL_HEAP" "$largest" 1
fi
