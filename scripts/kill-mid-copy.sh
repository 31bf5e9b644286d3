#!/usr/bin/env bash
# The kill-mid-copy acceptance test at full size: a JVM copying a 300 MB file (or KILL_MB) over an
# existing target is killed with SIGKILL; the old target must be intact and, after the next start's
# cleanup, no temp file may remain. The build runs the same test with a 48 MB file.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -B -q -pl bundles/org.filesync.transfer -am install -DskipTests
mvn -B -pl bundles/org.filesync.transfer surefire:test -Dtest=KillMidCopyTest -Dfilesync.killtest.mb="${KILL_MB:-300}" \
    | grep -E "Tests run|FAIL|ERROR|BUILD"
