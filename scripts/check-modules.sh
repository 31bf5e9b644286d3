#!/usr/bin/env bash
# Checks that every bundle jar is also a JPMS module whose exports equal the bundle's Export-Package.
# Run after a build (mvn install); prints one line per bundle and exits non-zero on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for jar in bundles/*/target/*.jar; do
  module_exports=$(jar --describe-module --file "$jar" | awk '$1 == "exports" {print $2}' | sort | paste -sd, -)
  bundle_exports=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' \
    | sed -n 's/^Export-Package: //p' | sed 's/"[^"]*"//g' | tr ',' '\n' | sed 's/;.*//' | grep -v '^$' | sort | paste -sd, - || true)
  if [ "$module_exports" = "$bundle_exports" ]; then
    echo "ok    $jar exports [${module_exports}]"
  else
    echo "FAIL  $jar module exports [${module_exports}] but bundle exports [${bundle_exports}]"
    status=1
  fi
done
exit $status
