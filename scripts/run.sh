#!/usr/bin/env bash
# Builds filesync (tests skipped) and starts the Karaf distribution with the filesync feature installed.
#   scripts/run.sh               -> the Karaf console in this terminal (logout or Ctrl-D stops Karaf)
#   scripts/run.sh --background  -> Karaf in the background; prints how to reach it with bin/client
# Data (the Derby database, logs) lives in karaf-assembly/target/assembly/data: `mvn clean` removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
# jansi.noreset: Maven 3.8 prints stray reset codes (ESC[0m) even in batch mode, and -q leaves only them
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q install -DskipTests
home=karaf-assembly/target/assembly
chmod +x "$home"/bin/*
if [ "${1:-}" = "--background" ]; then
  "$home/bin/start"
  echo "filesync is starting in the background (Karaf home: $home)."
  echo "Try:  echo 'filesync:conduit-list' | $home/bin/client -u karaf -p karaf -r 30 -d 2 -b"
  echo "Stop: $home/bin/stop"
else
  exec "$home/bin/karaf"
fi
